package io.herald.notification.channel;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.herald.notification.NotificationSettings;
import io.herald.notification.policy.ChannelType;
import io.herald.platform.KafkaSettings;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Publishes notifications to Apache Kafka as CloudEvents in the binary mode of the CloudEvents Kafka binding: the
 * attributes are {@code ce_*} headers, the value is the event's JSON data. Enabled by listing {@code kafka} in
 * {@code herald.notifications.channels} with {@code herald.kafka.bootstrap-servers} set; otherwise it is unavailable
 * and no producer exists ({@link KafkaChannelConfiguration}).
 *
 * <p>
 * The planner stores each row's event once, in the webhooks' structured format (the order event is the webhook's, a
 * copy of a customer message is {@code io.herald.message.<kind>}); a send adds what belongs to the record: the id is
 * the row's message id ({@code msg_<notification id>}, the same at every attempt and after a crash, so consumers
 * deduplicate on it), the subject is the order id, and the extension {@code merchantid} names the merchant
 * ({@code ce_merchantid}) so that consumers of the shared topic can filter. The record's key is the order id, so an
 * order's events stay in one partition, in the order they were sent. The topic is {@code herald.kafka.events.topic}, or
 * with {@code topic-per-merchant} that name followed by {@code .<merchant id>}, read at send time.
 */
@Component
class KafkaChannel implements AsynchronousChannel {

	/** The CloudEvents extension attribute naming the merchant (header {@code ce_merchantid} in binary mode). */
	static final String MERCHANT = "merchantid";

	private static final JsonFormat CLOUD_EVENTS = new JsonFormat();

	private final KafkaEventProducer producer;

	private final KafkaSettings.Events events;

	KafkaChannel(Optional<KafkaEventProducer> producer, KafkaSettings kafka, NotificationSettings settings) {
		this.producer = producer.orElse(null);
		this.events = kafka.events();
		if (this.producer == null && settings.channels().contains(ChannelType.KAFKA)) {
			LoggerFactory.getLogger(KafkaChannel.class).warn("The kafka channel is listed in {} but {} is not set: "
					+ "nothing is published to Kafka", "herald.notifications.channels", "herald.kafka.bootstrap-servers");
		}
	}

	@Override
	public ChannelType type() {
		return ChannelType.KAFKA;
	}

	@Override
	public boolean available() {
		return producer != null;
	}

	@Override
	public CompletableFuture<SendOutcome> sendAsync(Message message, Executor blocking) {
		if (producer == null) {
			return CompletableFuture.completedFuture(SendOutcome.permanent(
					"the kafka channel is not enabled (herald.notifications.channels, herald.kafka.bootstrap-servers)"));
		}
		ProducerRecord<String, byte[]> record;
		try {
			record = record(message);
		}
		catch (RuntimeException e) {
			return CompletableFuture.completedFuture(SendOutcome.permanent("not a CloudEvent: " + e.getMessage()));
		}
		return producer.send(record);
	}

	/** The record of a message: its stored event with the message's id, subject and merchant, in binary mode. */
	ProducerRecord<String, byte[]> record(Message message) {
		CloudEvent stored = CLOUD_EVENTS.deserialize(message.payload().getBytes(StandardCharsets.UTF_8));
		CloudEvent event = CloudEventBuilder.v1(stored)
			.withId(message.webhookId())
			.withSubject(message.orderId().toString())
			.withExtension(MERCHANT, message.merchantId().toString())
			.build();
		return KafkaMessageFactory.createWriter(topic(message.merchantId()), message.orderId().toString())
			.writeBinary(event);
	}

	/** The topic of a merchant's events. */
	String topic(UUID merchantId) {
		return events.topicPerMerchant() ? events.topic() + "." + merchantId : events.topic();
	}

}
