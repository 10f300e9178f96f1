package io.herald.notification.channel;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.herald.platform.KafkaSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The Kafka channel's producer: idempotent, {@code acks=all}, and bounded in time so that every send has its outcome
 * well within the dispatcher's lease (a send still open when the lease ends would be claimed and sent again).
 *
 * <p>
 * {@link KafkaProducer#send} is asynchronous once the topic's partitions are known, but waits for them (up to
 * {@code max.block.ms}) the first time a topic is used, and for buffer space when the broker is slow: so the sends are
 * handed to one thread of their own, never run on the dispatcher's loop, and a send that waited longer than the
 * delivery timeout for that thread is given back as a retry unsent. The producer's callback completes the outcome:
 * accepted by all in-sync replicas is SENT; a record too large, an authorisation error, an invalid topic or record
 * are PERMANENT; anything else (the broker unreachable, the delivery timeout) is a RETRY, and the outbox's backoff
 * takes over from the producer's own retries. After an error that leaves the producer unusable for good (the cluster
 * refusing idempotent writes), it is closed and a new one is made for the next send.
 *
 * <p>
 * The producer itself is made at the first send, on that thread, and closed with the application context.
 */
final class KafkaEventProducer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(KafkaEventProducer.class);

	/** The longest the producer may take to deliver a record, however long the lease. */
	static final Duration MAX_DELIVERY_TIMEOUT = Duration.ofSeconds(30);

	private final Supplier<Producer<String, byte[]>> factory;

	private final Duration deliveryTimeout;

	private final ExecutorService sending;

	/** Used on the sending thread only. */
	private Producer<String, byte[]> producer;

	/**
	 * The producer that cannot be used any more, set by the outcome of one of its sends (on its own thread): the
	 * instance, so that the failures of the sends a replaced producer still held do not replace its successor.
	 */
	private volatile Producer<String, byte[]> broken;

	KafkaEventProducer(Supplier<Producer<String, byte[]>> factory, Duration deliveryTimeout) {
		this.factory = factory;
		this.deliveryTimeout = deliveryTimeout;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("herald-kafka-send-");
		threads.setDaemon(true);
		this.sending = Executors.newSingleThreadExecutor(threads);
	}

	/** A producer of the events topic configured for this lease. */
	static KafkaEventProducer of(KafkaSettings kafka, Duration lease) {
		Duration deliveryTimeout = deliveryTimeout(lease);
		Map<String, Object> config = config(kafka, deliveryTimeout);
		return new KafkaEventProducer(() -> new KafkaProducer<>(config), deliveryTimeout);
	}

	/** A quarter of the lease, at most {@link #MAX_DELIVERY_TIMEOUT}: the outbox retries, not the producer. */
	static Duration deliveryTimeout(Duration lease) {
		Duration quarter = lease.dividedBy(4);
		return quarter.compareTo(MAX_DELIVERY_TIMEOUT) > 0 ? MAX_DELIVERY_TIMEOUT : quarter;
	}

	/**
	 * The client settings: the pass-through ones of {@code herald.kafka.properties}, then what the channel's guarantees
	 * need, which they cannot loosen. A send takes at most the wait for its thread (the delivery timeout, see
	 * {@link #send}), the wait for the topic's partitions (a quarter of it) and the delivery timeout: 2.25 delivery
	 * timeouts, under 60% of the lease.
	 */
	static Map<String, Object> config(KafkaSettings kafka, Duration deliveryTimeout) {
		Map<String, Object> config = kafka.clientConfig();
		config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "herald-events");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		long delivery = Math.max(2, deliveryTimeout.toMillis());
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery);
		// the delivery timeout must cover linger.ms (5 ms by default) and one request
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, delivery / 2));
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(1, delivery / 4));
		return config;
	}

	/** Sends the record; the outcome never completes exceptionally. */
	CompletableFuture<SendOutcome> send(ProducerRecord<String, byte[]> record) {
		CompletableFuture<SendOutcome> outcome = new CompletableFuture<>();
		long queued = System.nanoTime();
		try {
			sending.execute(() -> {
				if (System.nanoTime() - queued > deliveryTimeout.toNanos()) {
					outcome.complete(SendOutcome.retry("waited over " + deliveryTimeout.toMillis()
							+ " ms for the Kafka producer (the broker's partitions unknown?); not sent"));
					return;
				}
				Producer<String, byte[]> used = null;
				try {
					used = producer();
					Producer<String, byte[]> sender = used;
					used.send(record, (metadata, failure) -> outcome
						.complete(failure == null ? SendOutcome.sent() : failed(failure, sender)));
				}
				catch (RuntimeException e) {
					outcome.complete(failed(e, used));
				}
			});
		}
		catch (RejectedExecutionException e) {
			outcome.complete(SendOutcome.retry("the Kafka producer is closed"));
		}
		return outcome;
	}

	private Producer<String, byte[]> producer() {
		if (producer != null && broken == producer) {
			log.warn("Replacing the Kafka producer after an error it cannot recover from");
			producer.close(Duration.ZERO);
			producer = null;
		}
		if (producer == null) {
			producer = factory.get();
		}
		return producer;
	}

	/** @param producer the producer that failed, null when none could be made */
	private SendOutcome failed(Throwable failure, Producer<String, byte[]> producer) {
		Throwable cause = failure;
		while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (producer != null && (cause instanceof ClusterAuthorizationException
				|| cause instanceof UnsupportedVersionException
				|| (cause instanceof KafkaException && !(cause instanceof ApiException)))) {
			broken = producer;
		}
		String error = "Kafka: " + cause.getClass().getSimpleName()
				+ (cause.getMessage() == null ? "" : ": " + cause.getMessage());
		return permanent(cause) ? SendOutcome.permanent(error) : SendOutcome.retry(error);
	}

	/** Errors that sending the same record again cannot fix. */
	static boolean permanent(Throwable cause) {
		return cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
				|| cause instanceof AuthorizationException || cause instanceof InvalidTopicException
				|| cause instanceof InvalidRecordException || cause instanceof SerializationException;
	}

	Duration deliveryTimeout() {
		return deliveryTimeout;
	}

	/** Lets the producer deliver what it holds (for up to 10 s), then closes it. */
	@Override
	public void close() {
		try {
			sending.execute(() -> {
				if (producer != null) {
					producer.close(Duration.ofSeconds(10));
				}
			});
		}
		catch (RejectedExecutionException e) {
			return;
		}
		sending.shutdown();
		try {
			if (!sending.awaitTermination(15, TimeUnit.SECONDS)) {
				sending.shutdownNow();
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
