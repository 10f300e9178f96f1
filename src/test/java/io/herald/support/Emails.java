package io.herald.support;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

import java.io.IOException;

/** Reads the parts of a received email: the plain text and the HTML alternative. */
public final class Emails {

	private Emails() {
	}

	/** The plain-text body, decoded. */
	public static String text(Part message) throws MessagingException, IOException {
		return part(message, "text/plain");
	}

	/** The HTML body, decoded, or null when the email has none. */
	public static String html(Part message) throws MessagingException, IOException {
		return part(message, "text/html");
	}

	private static String part(Part part, String type) throws MessagingException, IOException {
		if (part.isMimeType(type)) {
			return (String) part.getContent();
		}
		if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart child = multipart.getBodyPart(i);
				String found = part(child, type);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

}
