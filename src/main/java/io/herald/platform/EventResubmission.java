package io.herald.platform;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands events whose handling failed (or never finished) to their listeners again while the application runs, not
 * only at the next start. Listeners are idempotent (deliveries are unique per order, kind, channel and recipient), so
 * a publication that was merely slow and gets resubmitted does no harm.
 */
@Component
class EventResubmission {

	private static final Logger log = LoggerFactory.getLogger(EventResubmission.class);

	private final IncompleteEventPublications publications;

	private final Settings settings;

	EventResubmission(IncompleteEventPublications publications, Settings settings) {
		this.publications = publications;
		this.settings = settings;
	}

	@Scheduled(fixedDelayString = "${herald.events.resubmit-interval:1m}", initialDelayString = "${herald.events.resubmit-interval:1m}")
	void resubmit() {
		try {
			publications.resubmitIncompletePublicationsOlderThan(settings.resubmitAfter());
		}
		catch (RuntimeException e) {
			log.warn("Resubmitting incomplete event publications failed: {}", e.getMessage());
		}
	}

	/**
	 * @param resubmitAfter an event publication still incomplete after this long is handed to its listener again
	 * @param resubmitInterval how often to look for such publications
	 */
	@ConfigurationProperties("herald.events")
	record Settings(@DefaultValue("5m") Duration resubmitAfter, @DefaultValue("1m") Duration resubmitInterval) {
	}

}
