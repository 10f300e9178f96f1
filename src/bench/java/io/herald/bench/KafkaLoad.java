package io.herald.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import io.herald.support.KafkaRecords;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;

import static io.herald.bench.BenchMain.seconds;

/**
 * The stations' side of the kafka benchmark: several stations, each with an area of its own, orders placed in their
 * areas through the HTTP batch API (set-up, as in loop), and a STOCKED report about each published to Herald's
 * stocking topic as a CloudEvent in binary mode, keyed by its station, through {@link KafkaRecords}' producer
 * (idempotent, {@code acks=all}, linger 2 ms). One station per key: several stations spread the records over the
 * topic's partitions, as real stations would.
 *
 * <p>For every report the broker acknowledged, {@link StockingLoad#accepted} is told the {@link System#nanoTime()}
 * at which it was handed to the producer, the same clock the webhook receiver stamps arrivals with, so that
 * {@link WebhookReceipts} measures record produced to webhook received.
 */
final class KafkaLoad implements AutoCloseable {

	/**
	 * The stations' areas: square cells of a grid just north of {@link StockingLoad}'s station, rows of
	 * {@link #ROW} cells as wide as its area, one cell per station registered.
	 */
	private static final int ROW = 12;

	private static final double LAT_MIN = HeraldClient.LAT_MAX + 0.01;

	private static final double CELL = (HeraldClient.LON_MAX - HeraldClient.LON_MIN) / ROW;

	private static final String STOCKED = "{\"status\":\"STOCKED\"}";

	/** Herald's consumer group in the benchmark ({@code herald.kafka.intake.group-id}). */
	static final String GROUP = "herald-bench";

	private final StockingLoad load;

	private final KafkaRecords records;

	private final Admin admin;

	/** The stations that report, and the south-west corner of each one's cell. */
	private final List<HeraldClient.Station> stations = new ArrayList<>();

	private final List<double[]> cells = new ArrayList<>();

	/** How many of the stations' keys each partition of the stocking topic has. */
	private final Map<Integer, Integer> keysByPartition = new TreeMap<>();

	/** Stations registered but left without orders, so that the keys spread evenly over the partitions. */
	private int unused;

	/** The station of every order placed here. */
	private final Map<UUID, String> stationOf = new HashMap<>();

	/**
	 * Registers stations until {@code stationCount} of them have keys spread evenly over the topic's
	 * {@code partitions} (as the producer's default partitioner maps them); the others stay without orders. Every
	 * station has a cell of its own, apart from {@code load}'s station's area, so that each order is assigned to the
	 * station whose cell it is in.
	 */
	KafkaLoad(StockingLoad load, String bootstrapServers, int stationCount, int partitions) {
		this.load = load;
		this.records = new KafkaRecords(bootstrapServers, "herald");
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
		int most = (stationCount + partitions - 1) / partitions;
		for (int k = 0; stations.size() < stationCount; k++) {
			BenchMain.require(k < 50 * stationCount, "could not spread " + stationCount + " station keys over "
					+ partitions + " partitions");
			double[] cell = { LAT_MIN + (k / ROW) * CELL, HeraldClient.LON_MIN + (k % ROW) * CELL };
			HeraldClient.Station station = load.api().createStation(load.herald().adminKey(), "Bench Kafka " + (k + 1),
					cell[0], cell[0] + CELL, cell[1], cell[1] + CELL);
			// the default partitioner of a keyed record (the key as StringSerializer writes it)
			int partition = BuiltInPartitioner.partitionForKey(station.id().getBytes(StandardCharsets.UTF_8),
					partitions);
			if (keysByPartition.getOrDefault(partition, 0) < most) {
				keysByPartition.merge(partition, 1, Integer::sum);
				stations.add(station);
				cells.add(cell);
			}
			else {
				unused++;
			}
		}
	}

	/** "12 stations, keys by partition {0=2, 1=2, ...} (7 more registered, left without orders to spread them)" */
	String describeStations() {
		return String.format(Locale.ROOT, "%d stations, one record key each, keys by partition %s%s", stations.size(),
				keysByPartition, unused == 0 ? ""
						: " (" + unused + " more registered and left without orders, so that the keys spread evenly)");
	}

	/** The stocking topic's name. */
	String topic() {
		return records.stocking;
	}

	/** Places {@code count} orders, the i-th in the cell of station i mod n (inside it, off its edges). */
	List<UUID> placeOrders(String series, int count) throws Exception {
		Random random = new Random(series.hashCode());
		double[][] where = new double[count][];
		for (int i = 0; i < count; i++) {
			double[] cell = cells.get(i % cells.size());
			where[i] = new double[] { cell[0] + CELL * (0.1 + 0.8 * random.nextDouble()),
					cell[1] + CELL * (0.1 + 0.8 * random.nextDouble()) };
		}
		List<UUID> ids = load.placeOrders(series, count, i -> where[i]);
		for (int i = 0; i < ids.size(); i++) {
			stationOf.put(ids.get(i), stations.get(i % stations.size()).id());
		}
		return ids;
	}

	/**
	 * What the producer did in a phase.
	 * @param startNanos when the first report was handed to the producer
	 * @param count reports handed to the producer
	 * @param acknowledged of those, the ones the broker acknowledged
	 * @param seconds from the first report handed to the producer until the last was acknowledged
	 * @param byPartition acknowledged reports per partition of the topic
	 * @param firstError the first failed send, or null
	 */
	record Produced(long startNanos, int count, long acknowledged, double seconds, Map<Integer, Integer> byPartition,
			String firstError) {

		double rate() {
			return acknowledged / seconds;
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"%d reports produced, %d acknowledged by the broker in %.2f s = %.0f/s; by partition %s%s",
					count, acknowledged, seconds, rate(), byPartition,
					firstError == null ? "" : "; first failed send: " + firstError);
		}

	}

	/** Publishes a report about each order as fast as the producer takes them. */
	Produced flood(List<UUID> orders) throws InterruptedException {
		return publish(orders, 0);
	}

	/**
	 * Publishes a report about each order on a fixed schedule, {@code rate} per second: report i is handed to the
	 * producer at start + i / rate whatever became of the earlier ones, and stamped then.
	 */
	Produced paced(List<UUID> orders, double rate) throws InterruptedException {
		return publish(orders, Math.max(1, Math.round(1e9 / rate)));
	}

	/** @param interval nanoseconds between two reports; 0: none */
	private Produced publish(List<UUID> orders, long interval) throws InterruptedException {
		// built first, so that the phase spends this JVM's CPU on producing, not on building CloudEvents
		List<ProducerRecord<String, byte[]>> built = new ArrayList<>(orders.size());
		for (UUID id : orders) {
			built.add(records.stocking(stationOf.get(id), id.toString(), STOCKED, false));
		}
		long[] producedAt = new long[orders.size()];
		List<Future<RecordMetadata>> sends = new ArrayList<>(orders.size());
		long start = System.nanoTime();
		for (int i = 0; i < built.size(); i++) {
			if (interval > 0) {
				long due = start + i * interval;
				for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
					LockSupport.parkNanos(wait);
				}
			}
			producedAt[i] = System.nanoTime();
			sends.add(records.send(built.get(i)));
		}
		Map<Integer, Integer> byPartition = new TreeMap<>();
		long acknowledged = 0;
		String firstError = null;
		for (int i = 0; i < sends.size(); i++) {
			try {
				RecordMetadata sent = sends.get(i).get(2, TimeUnit.MINUTES);
				load.accepted(List.of(orders.get(i)), producedAt[i]);
				byPartition.merge(sent.partition(), 1, Integer::sum);
				acknowledged++;
			}
			catch (ExecutionException | TimeoutException e) {
				firstError = firstError != null ? firstError : e.toString();
			}
		}
		return new Produced(start, orders.size(), acknowledged, seconds(System.nanoTime() - start), byPartition,
				firstError);
	}

	/**
	 * The offsets Herald's consumer group has committed on the stocking topic, summed over its partitions: records
	 * applied, since Herald commits a batch's offsets after its transaction.
	 */
	long committed() throws Exception {
		return admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
			.entrySet().stream()
			.filter(e -> e.getKey().topic().equals(topic()) && e.getValue() != null)
			.mapToLong(e -> e.getValue().offset())
			.sum();
	}

	/**
	 * Polls {@link #committed()} every 50 ms until it reaches {@code target}; returns when that was seen
	 * ({@link System#nanoTime()}), or -1 if it did not move for {@code stallSeconds}.
	 */
	long awaitCommitted(long target, int stallSeconds) throws Exception {
		long last = -1, progress = System.nanoTime();
		while (true) {
			long now = committed();
			if (now >= target) {
				return System.nanoTime();
			}
			if (now != last) {
				last = now;
				progress = System.nanoTime();
			}
			else if (System.nanoTime() - progress > TimeUnit.SECONDS.toNanos(stallSeconds)) {
				return -1;
			}
			Thread.sleep(50);
		}
	}

	@Override
	public void close() {
		admin.close();
		records.close();
	}

}
