package io.herald.bench;

import java.util.List;
import java.util.UUID;

/**
 * What the receivers got for the reports of a phase: the part of a loop benchmark that differs between loop (one
 * webhook per report) and notify (a webhook and an SMS per report), so that {@link LoadPhases} can run the same phases
 * for both.
 */
interface Receipts {

	/**
	 * Waits until every message Herald owes for the phase's accepted reports has arrived, or until arrivals stall;
	 * prints a line per channel.
	 * @param orders the phase's orders, accepted or not
	 */
	Arrivals await(String phase, List<UUID> orders) throws Exception;

	/**
	 * Per message of these orders that arrived: report accepted (HTTP response) to message received, in nanoseconds,
	 * 0 when the message came before the response was read.
	 */
	List<Long> latencies(List<UUID> orders) throws Exception;

	/** Herald's channels measured (as in notification.channel), for its own event-to-send times. */
	String[] channels();

	/** What the messages are called in the output: "webhooks", "messages". */
	String noun();

	/**
	 * @param reports accepted reports of the phase
	 * @param expected messages Herald owes for them
	 * @param arrived of those, the ones that arrived
	 * @param seconds from the first report accepted to the last message received
	 */
	record Arrivals(long reports, long expected, long arrived, double seconds) {

		double messagesPerSecond() {
			return arrived / seconds;
		}

		double messagesPerReport() {
			return reports == 0 ? 1 : expected / (double) reports;
		}

		/** Reports notified per second end to end. */
		double reportsPerSecond() {
			return messagesPerSecond() / messagesPerReport();
		}

		long missing() {
			return expected - arrived;
		}

	}

}
