package io.herald.notification.channel;

import java.nio.charset.StandardCharsets;

import io.herald.notification.NotificationSettings;
import io.herald.notification.policy.ChannelType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Email over SMTP through Spring Boot's mail starter (Jakarta Mail). Available when {@code spring.mail.host} is set.
 * The notification id goes into the Message-ID so that a re-send after a crash is recognisable as the same message.
 */
@Component
class EmailChannel implements Channel {

	/** Resolved once: whether SMTP is configured does not change at run time, and the dispatcher asks per send. */
	private final JavaMailSender sender;

	private final NotificationSettings settings;

	EmailChannel(ObjectProvider<JavaMailSender> sender, NotificationSettings settings) {
		this.sender = sender.getIfAvailable();
		this.settings = settings;
	}

	@Override
	public ChannelType type() {
		return ChannelType.EMAIL;
	}

	@Override
	public boolean available() {
		return sender != null;
	}

	/** Mail clients do not deduplicate by Message-ID: an email sent but not yet marked would be sent again. */
	@Override
	public boolean marksSentAtOnce() {
		return true;
	}

	@Override
	public SendOutcome send(Message message) {
		if (sender == null) {
			return SendOutcome.permanent("email is not configured (spring.mail.host)");
		}
		try {
			InternetAddress to = new InternetAddress(message.recipient(), true);
			MimeMessage mime = new MimeMessage(sender.createMimeMessage().getSession()) {
				@Override
				protected void updateMessageID() throws MessagingException {
					setHeader("Message-ID", "<" + message.id() + "@herald>");
				}
			};
			// with HTML: multipart/alternative, the plain text first for clients that do not show HTML
			MimeMessageHelper helper = message.html() != null
					? new MimeMessageHelper(mime, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
							StandardCharsets.UTF_8.name())
					: new MimeMessageHelper(mime, StandardCharsets.UTF_8.name());
			helper.setFrom(settings.email().from());
			helper.setTo(to);
			helper.setSubject(message.subject());
			if (message.html() != null) {
				helper.setText(message.body(), message.html());
			}
			else {
				helper.setText(message.body(), false);
			}
			if (message.unsubscribeUrl() != null) {
				// RFC 2369 and RFC 8058: mail clients offer "unsubscribe", one click, no login
				mime.setHeader("List-Unsubscribe", "<" + message.unsubscribeUrl() + ">");
				mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
			}
			mime.setHeader("Content-Language", message.locale());
			mime.setHeader("X-Herald-Notification-Id", message.webhookId());
			sender.send(mime);
			return SendOutcome.sent();
		}
		catch (AddressException | MailParseException e) {
			return SendOutcome.permanent("invalid email address or message: " + e.getMessage());
		}
		catch (MailAuthenticationException e) {
			return SendOutcome.retry("SMTP authentication failed: " + e.getMessage());
		}
		catch (MailSendException e) {
			return SendOutcome.retry("SMTP send failed: " + e.getMessage());
		}
		catch (MailException | MessagingException e) {
			return SendOutcome.retry("email failed: " + e.getMessage());
		}
	}

}
