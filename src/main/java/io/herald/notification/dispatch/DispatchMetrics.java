package io.herald.notification.dispatch;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.herald.notification.outbox.OutboxAdministration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
/**
 * The queue at a glance, as gauges: notifications waiting for their first send or a retry, and those given up on (DEAD,
 * and FAILED for good after a "not delivered" receipt: not queued, since they are never claimed again, but waiting for
 * a re-drive like the dead ones). Read from the database (the queue is shared by every instance), at most every few
 * seconds however often they are scraped.
 */
@Component
class DispatchMetrics {

	private static final Logger log = LoggerFactory.getLogger(DispatchMetrics.class);

	private static final Duration MAX_AGE = Duration.ofSeconds(5);

	private final OutboxAdministration outbox;

	private final AtomicReference<Snapshot> last = new AtomicReference<>(new Snapshot(Map.of(), 0));

	private record Snapshot(Map<String, Long> counts, long takenAt) {
	}

	DispatchMetrics(OutboxAdministration outbox, MeterRegistry meters) {
		this.outbox = outbox;
		Gauge.builder("herald.notifications.queue.depth", () -> count("PENDING"))
			.description("Notifications waiting for their first send (including quiet hours and coalescing)")
			.tag("status", "pending")
			.register(meters);
		Gauge.builder("herald.notifications.queue.depth", () -> count("FAILED"))
			.description("Notifications waiting for a retry")
			.tag("status", "failed")
			.register(meters);
		Gauge.builder("herald.notifications.dead", () -> count("DEAD"))
			.description("Notifications given up on (DEAD, or FAILED by a receipt), waiting for a re-drive")
			.register(meters);
	}

	private double count(String status) {
		Snapshot snapshot = last.get();
		long now = System.nanoTime();
		if (snapshot.takenAt == 0 || now - snapshot.takenAt > MAX_AGE.toNanos()) {
			try {
				snapshot = new Snapshot(outbox.countsByStatus(), now);
				last.set(snapshot);
			}
			catch (RuntimeException e) {
				log.debug("Counting notifications failed: {}", e.getMessage());
				return Double.NaN;
			}
		}
		return snapshot.counts.getOrDefault(status, 0L);
	}

}
