package io.herald.console;

import java.util.List;

import io.herald.kafka.DeadLetters;
import io.herald.platform.KafkaSettings;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Kafka intake's dead letters: the records Herald could not apply, counted by reason, the newest of a reason
 * listed with what was wrong. The records themselves, with the reason in their headers, are on the dead-letter topic,
 * from where an operator can fix and publish them again.
 */
@Hidden
@Controller
class DeadLettersController {

	static final int SHOWN = 100;

	private final DeadLetters deadLetters;

	private final KafkaSettings kafka;

	DeadLettersController(DeadLetters deadLetters, KafkaSettings kafka) {
		this.deadLetters = deadLetters;
		this.kafka = kafka;
	}

	/** One dead letter as listed. */
	record Row(String when, String reason, String detail, String where, String key, String eventType, String eventId,
			String value) {
	}

	/** One reason with its count, as listed. */
	record ReasonRow(String reason, long count, String latest) {
	}

	@GetMapping("/console/kafka")
	String list(@RequestParam(required = false) String reason, Model model) {
		String chosen = reason == null || reason.isBlank() ? null : reason.strip();
		List<Row> rows = deadLetters.recent(chosen, SHOWN)
			.stream()
			.map(d -> new Row(OrdersController.time(d.deadLetteredAt()), d.reason(), d.detail(),
					d.topic() + " / " + d.partition() + " @ " + d.offset(), d.key(), d.eventType(), d.eventId(),
					d.valuePreview()))
			.toList();
		model.addAttribute("enabled", kafka.enabled());
		model.addAttribute("deadLetterTopic", kafka.intake().deadLetterTopic());
		model.addAttribute("reasons", deadLetters.byReason()
			.stream()
			.map(r -> new ReasonRow(r.reason(), r.count(), OrdersController.time(r.latest())))
			.toList());
		model.addAttribute("reason", chosen);
		model.addAttribute("rows", rows);
		model.addAttribute("shown", SHOWN);
		return "console/kafka";
	}

}
