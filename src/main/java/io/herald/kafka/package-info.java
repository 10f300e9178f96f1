/**
 * Apache Kafka as Herald's event backbone, when {@code herald.kafka.bootstrap-servers} is set: order placements,
 * stocking reports and courier progress consumed as CloudEvents in batches, each batch applied in one PostgreSQL
 * transaction through the same module APIs as the HTTP intake, offsets committed only after it; records that cannot be
 * applied go to a dead-letter topic and are listed by reason ({@link io.herald.kafka.DeadLetters}). The outbound side
 * (order events and customer messages published to a topic) is a notification channel, in the notification module.
 */
@ApplicationModule(allowedDependencies = { "merchant", "order", "order :: stocking", "platform", "routing",
		"station" })
package io.herald.kafka;

import org.springframework.modulith.ApplicationModule;
