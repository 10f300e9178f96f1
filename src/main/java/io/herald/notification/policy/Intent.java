package io.herald.notification.policy;

import java.time.Instant;

/**
 * One message to store. Unique per order together with its dedup key, which tells apart messages of one kind that
 * may legitimately be sent more than once per order (a corrected stocking outcome is news; a replayed event is not).
 *
 * @param rank 0 for the customer's preferred channel, 1 for the first fallback, ...
 * @param disposition whether to send it now, keep it as the fallback, or record that it is not sent
 * @param reason why it is skipped or on standby, else null
 * @param notBefore not sent before this time (quiet hours, coalescing), or null for at once
 */
public record Intent(NotificationKind kind, String dedupKey, ChannelType channel, String recipient, int rank,
		Disposition disposition, String reason, Instant notBefore) {

	public enum Disposition {

		/** Send. */
		SEND,
		/** The same message on the customer's next channel, sent only if the preferred one fails for good. */
		STANDBY,
		/** Not sent, on purpose, with the reason. */
		SKIP

	}

}
