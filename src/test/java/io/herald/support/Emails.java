package io.herald.support;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the parts of a received email: the plain text and the HTML alternative. */
public final class Emails {

	/** A tracking link in an email's text; group 1 is its path, e.g. /track/abc... */
	private static final Pattern TRACKING_LINK = Pattern.compile("https?://[^/\\s]+(/track/[A-Za-z0-9_-]+)");

	private Emails() {
	}

	/**
	 * The first email GreenMail received for this address, or null (an email of an earlier test that arrives late is
	 * someone else's).
	 */
	public static MimeMessage to(String address) {
		try {
			for (MimeMessage email : TestInfrastructure.greenMail().getReceivedMessages()) {
				if (email.getAllRecipients()[0].toString().equals(address)) {
					return email;
				}
			}
			return null;
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * The path of the tracking link in the email's plain text, e.g. /track/abc..., or null when it has none. The link
	 * is on herald.notifications.public-url (http://localhost:8080 unless set): the path opens it on a test's server.
	 */
	public static String trackingPath(Part message) throws MessagingException, IOException {
		Matcher link = TRACKING_LINK.matcher(text(message));
		return link.find() ? link.group(1) : null;
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
