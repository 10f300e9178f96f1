package io.herald.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The customers' mail server of the soak: GreenMail on loopback, as in the tests, except that it keeps no messages.
 * A mailbox would hold every email of an hour in this JVM; the soak needs only when each message first arrived and how
 * often, by its {@code X-Herald-Notification-Id} (the same {@code msg_<id>} key the webhook and SMS receivers record).
 */
final class SoakMailbox implements AutoCloseable {

	private final GreenMail greenMail;

	private final Map<String, LoopbackSink.Arrival> arrivals = new ConcurrentHashMap<>();

	private final AtomicLong received = new AtomicLong();

	private final AtomicLong withoutKey = new AtomicLong();

	private SoakMailbox() {
		greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
		greenMail.getUserManager().setMessageDeliveryHandler((message, address) -> new Recorder(address.getEmail()));
	}

	static SoakMailbox start() {
		SoakMailbox mailbox = new SoakMailbox();
		mailbox.greenMail.start();
		return mailbox;
	}

	int port() {
		return greenMail.getSmtp().getPort();
	}

	LoopbackSink.Arrival arrival(String key) {
		return arrivals.get(key);
	}

	long received() {
		return received.get();
	}

	long withoutKey() {
		return withoutKey.get();
	}

	private void record(MimeMessage message) {
		long now = System.nanoTime();
		received.incrementAndGet();
		String key;
		try {
			key = message.getHeader("X-Herald-Notification-Id", null);
		}
		catch (MessagingException e) {
			key = null;
		}
		if (key == null) {
			withoutKey.incrementAndGet();
			return;
		}
		arrivals.computeIfAbsent(key, k -> new LoopbackSink.Arrival(now)).count.incrementAndGet();
	}

	@Override
	public void close() {
		greenMail.stop();
	}

	/** A recipient whose mailbox records and forgets. */
	private final class Recorder implements GreenMailUser {

		private final String email;

		Recorder(String email) {
			this.email = email;
		}

		@Override
		public void deliver(MovingMessage message) {
			record(message.getMessage());
		}

		@Override
		public void deliver(MimeMessage message) {
			record(message);
		}

		@Override
		public String getEmail() {
			return email;
		}

		@Override
		public String getLogin() {
			return email;
		}

		@Override
		public void create() {
		}

		@Override
		public void delete() {
		}

		@Override
		public String getPassword() {
			return "";
		}

		@Override
		public void setPassword(String password) {
		}

		@Override
		public void authenticate(String password) {
		}

		@Override
		public String getQualifiedMailboxName() {
			return email;
		}

	}

}
