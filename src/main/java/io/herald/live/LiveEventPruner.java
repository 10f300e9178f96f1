package io.herald.live;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code live_event} from growing without end: events older than {@code herald.live.retention} are deleted
 * in small batches (short transactions, no long lock on the table). Every node may run it; the deletes are
 * idempotent.
 */
@Component
class LiveEventPruner {

	private static final Logger log = LoggerFactory.getLogger(LiveEventPruner.class);

	static final int BATCH = 5_000;

	private final LiveEventRepository events;

	private final LiveSettings settings;

	private final Clock clock;

	LiveEventPruner(LiveEventRepository events, LiveSettings settings, Clock clock) {
		this.events = events;
		this.settings = settings;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${herald.live.prune-interval:10m}", initialDelayString = "${herald.live.prune-interval:10m}")
	void scheduled() {
		try {
			prune();
		}
		catch (RuntimeException e) {
			log.warn("Pruning live events failed, trying again later: {}", e.getMessage());
		}
	}

	/** Deletes every event past the retention; returns how many. */
	int prune() {
		var cutoff = clock.instant().minus(settings.retention());
		int total = 0;
		int deleted;
		do {
			deleted = events.deleteCreatedBefore(cutoff, BATCH);
			total += deleted;
		}
		while (deleted == BATCH);
		if (total > 0) {
			log.info("Deleted {} live events older than {}", total, settings.retention());
		}
		return total;
	}

}
