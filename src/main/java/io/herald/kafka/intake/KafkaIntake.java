package io.herald.kafka.intake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.herald.kafka.intake.IntakeBatch.Applied;
import io.herald.kafka.intake.RecordDecoder.Decoded;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.SendResult;

/**
 * The Kafka intake's listener, one polled batch at a time: decode every record, apply the batch in one transaction,
 * publish the refused records to the dead-letter topic and wait for the broker to have them. Only when this returns
 * does the container commit the batch's offsets; if it throws (the database or the broker is down, Herald is
 * overloaded), the container retries the same batch after a back-off, and applying it again changes nothing.
 */
final class KafkaIntake implements BatchMessageListener<String, byte[]>, DisposableBean {

	/** How long a dead-letter send may take, from the producer's settings; the listener waits a little longer. */
	static final int DEAD_LETTER_DELIVERY_MS = 30_000;

	/** The dead-letter record's reason, a stable type (see {@link io.herald.kafka.DeadLetter#reason()}). */
	static final String REASON_HEADER = "herald_dlt-reason";

	private final RecordDecoder decoder;

	private final IntakeBatch batch;

	private final DefaultKafkaProducerFactory<String, byte[]> producers;

	private final KafkaTemplate<String, byte[]> deadLetters;

	private final String deadLetterTopic;

	private final Counter applied;

	private final Counter unchanged;

	private final Counter refused;

	KafkaIntake(RecordDecoder decoder, IntakeBatch batch, DefaultKafkaProducerFactory<String, byte[]> producers,
			String deadLetterTopic, MeterRegistry meters) {
		this.decoder = decoder;
		this.batch = batch;
		this.producers = producers;
		this.deadLetters = new KafkaTemplate<>(producers);
		this.deadLetterTopic = deadLetterTopic;
		this.applied = records(meters, "applied");
		this.unchanged = records(meters, "unchanged");
		this.refused = records(meters, "dead_lettered");
	}

	private static Counter records(MeterRegistry meters, String result) {
		return Counter.builder("herald.kafka.intake.records")
			.description("Kafka intake records by what became of them")
			.tag("result", result)
			.register(meters);
	}

	@Override
	public void destroy() {
		producers.destroy();
	}

	@Override
	public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
		List<Decoded> decoded = new ArrayList<>(records.size());
		for (ConsumerRecord<String, byte[]> record : records) {
			decoded.add(decoder.decode(record));
		}
		Applied result = batch.apply(decoded);
		publish(result.refused());
		applied.increment(result.applied());
		unchanged.increment(result.unchanged());
		refused.increment(result.refused().size());
	}

	/** Sends the refused records to the dead-letter topic and waits for the broker's acknowledgement of each. */
	private void publish(List<Decoded> refusedRecords) {
		if (refusedRecords.isEmpty()) {
			return;
		}
		List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>(refusedRecords.size());
		for (Decoded d : refusedRecords) {
			sends.add(deadLetters.send(deadLetter(d)));
		}
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
				.get(DEAD_LETTER_DELIVERY_MS + 5_000L, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new KafkaException("interrupted while dead-lettering", e);
		}
		catch (ExecutionException | TimeoutException e) {
			// the batch is polled again; its refusals are recorded already and are sent again
			throw new KafkaException("could not publish to the dead-letter topic " + deadLetterTopic, e);
		}
	}

	/**
	 * The record as it came, with Spring for Apache Kafka's dead-letter headers (original topic, partition, offset,
	 * timestamp; the reason's text as the exception message) and Herald's reason type.
	 */
	private ProducerRecord<String, byte[]> deadLetter(Decoded d) {
		ConsumerRecord<String, byte[]> original = d.record();
		ProducerRecord<String, byte[]> out = new ProducerRecord<>(deadLetterTopic, null, original.key(),
				original.value());
		for (Header header : original.headers()) {
			out.headers().add(header);
		}
		out.headers()
			.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(original.topic()))
			.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(original.partition()).array())
			.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(original.offset()).array())
			.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, ByteBuffer.allocate(8).putLong(original.timestamp()).array())
			.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(d.refusal().detail()))
			.add(REASON_HEADER, utf8(d.refusal().reason()));
		return out;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
