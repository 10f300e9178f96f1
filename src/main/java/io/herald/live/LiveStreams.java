package io.herald.live;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import io.herald.platform.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open live streams of this node and the loop that feeds them.
 *
 * <p>
 * <b>Cursor.</b> A stream's position is a {@link Cursor} (writing transaction, row id), sent as each event's id. Rows
 * are read only below the horizon, the oldest transaction still running ({@code pg_snapshot_xmin}): a plain
 * {@code bigserial} cursor would skip a row whose transaction drew its id first but committed after a later id was
 * already read, and that row would be lost for good. Below the horizon every transaction has finished, so the rows
 * there are final and the cursor never passes a row that could still appear. The price is latency: a committed event
 * waits until every transaction that started before it has finished.
 *
 * <p>
 * <b>Threads.</b> A stream holds no thread: the controller returns an {@link SseEmitter}, the request thread goes back
 * to Tomcat, and the connection waits in the servlet container's async mode (a {@code StreamingResponseBody} would
 * instead hold an executor thread per open stream for as long as it is open). One poller thread per node reads the rows
 * committed since its last read (past a node-wide cursor, below the horizon) every {@code poll-interval} and hands each
 * to the streams of its order and its station; a fixed pool of {@value #SENDERS} sender threads writes them, one
 * stream at a time per thread and in order. A client too slow to take its events (more than {@value #MAX_PENDING}
 * waiting) loses the connection, not events: it reconnects with its Last-Event-ID.
 *
 * <p>
 * <b>Joining.</b> A new stream is registered first and then replays the rows after its starting cursor from the
 * database, before the rows the poller queued for it meanwhile; each row is sent only if it lies after the last one
 * sent. Nothing falls between replay and live: a row the poller read before the stream existed lay below a horizon
 * that the replay's later snapshot has passed too, so the replay finds it.
 *
 * <p>
 * <b>Several nodes, restarts.</b> Nothing about a stream is shared between nodes or kept over a restart: each node
 * reads the shared table on its own, and the client's Last-Event-ID is the whole state a reconnect needs, on any node.
 */
@Component
class LiveStreams implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);

	/** Rows read per query, by the poller and by a stream's replay. */
	static final int PAGE = 500;

	/** Threads writing to the streams; a write blocks only while a client's socket buffer is full. */
	private static final int SENDERS = 4;

	private final LiveEventRepository repository;

	private final LiveSettings settings;

	/** Whether the live channel is enabled; without it the streams never start and every one is refused. */
	private final boolean enabled;

	private final Semaphore capacity;

	private final Set<LiveStream> streams = ConcurrentHashMap.newKeySet();

	private final Map<UUID, Set<LiveStream>> byOrder = new ConcurrentHashMap<>();

	private final Map<UUID, Set<LiveStream>> byStation = new ConcurrentHashMap<>();

	/** The node-wide cursor: the last row the poller handed out. Only the poller thread moves it. */
	private volatile Cursor polled;

	private volatile boolean running;

	private ScheduledExecutorService poller;

	private ExecutorService senders;

	LiveStreams(LiveEventRepository repository, LiveSettings settings, LiveSwitch liveSwitch, MeterRegistry meters) {
		this.repository = repository;
		this.settings = settings;
		this.enabled = liveSwitch.enabled();
		this.capacity = new Semaphore(settings.maxStreams());
		meters.gauge("herald.live.streams", streams, Set::size);
	}

	/**
	 * An order's stream: the rows after {@code resume}, or without one its whole story so far, then every new one.
	 */
	SseEmitter openOrder(UUID orderId, Cursor resume) {
		return open(stream(LiveStream.Scope.ORDER, orderId, resume == null ? Cursor.START : resume, resume == null));
	}

	/** A station's stream: the rows after {@code resume}, or without one only those committed from now on. */
	SseEmitter openStation(UUID stationId, Cursor resume) {
		return open(stream(LiveStream.Scope.STATION, stationId,
				resume == null ? Cursor.atHorizon(repository.horizon()) : resume, resume == null));
	}

	private LiveStream stream(LiveStream.Scope scope, UUID owner, Cursor from, boolean announce) {
		return new LiveStream(scope, owner, from, announce, settings.timeout(), repository, senders);
	}

	private SseEmitter open(LiveStream stream) {
		// until the poller has its starting point, a stream could miss rows between its replay and the first poll
		if (!running || !capacity.tryAcquire()) {
			throw unavailable(running ? "This node serves its maximum of " + settings.maxStreams()
					+ " live streams; try again shortly"
					: enabled ? "The live channel is not running on this node"
							: "The live channel is not enabled on this node (herald.notifications.channels)");
		}
		SseEmitter emitter = stream.emitter();
		emitter.onCompletion(() -> close(stream));
		emitter.onError(e -> close(stream));
		// the client reconnects with its Last-Event-ID; completing here ends the response cleanly
		emitter.onTimeout(emitter::complete);
		streams.add(stream);
		index(stream.scope()).compute(stream.owner(), (owner, set) -> {
			Set<LiveStream> streamsOfOwner = set == null ? ConcurrentHashMap.newKeySet() : set;
			streamsOfOwner.add(stream);
			return streamsOfOwner;
		});
		stream.schedule();
		return emitter;
	}

	private static ErrorResponseException unavailable(String detail) {
		ProblemDetail problem = Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "live-unavailable",
				"Live channel unavailable", detail);
		ErrorResponseException exception = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, null);
		exception.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
		return exception;
	}

	private Map<UUID, Set<LiveStream>> index(LiveStream.Scope scope) {
		return scope == LiveStream.Scope.ORDER ? byOrder : byStation;
	}

	/** Forgets the stream and frees its place; called once its response is over, however it ended. */
	private void close(LiveStream stream) {
		if (!stream.markClosed()) {
			return;
		}
		streams.remove(stream);
		index(stream.scope()).computeIfPresent(stream.owner(), (owner, set) -> {
			set.remove(stream);
			return set.isEmpty() ? null : set;
		});
		capacity.release();
	}

	// -- the poller ------------------------------------------------------------------------------------------------

	private void poll() {
		try {
			long horizon = repository.horizon();
			if (streams.isEmpty()) {
				// nobody to tell: skip ahead. A stream opened from now on replays with a snapshot taken after this
				// horizon, so it finds every row below it.
				Cursor skipTo = Cursor.atHorizon(horizon);
				if (polled.isBefore(skipTo)) {
					polled = skipTo;
				}
				return;
			}
			List<LiveEvent> rows;
			do {
				rows = repository.after(polled, horizon, PAGE);
				for (LiveEvent row : rows) {
					enqueue(byOrder.get(row.orderId()), row);
					if (row.stationId() != null) {
						enqueue(byStation.get(row.stationId()), row);
					}
					polled = row.cursor();
				}
			}
			while (rows.size() == PAGE && running);
		}
		catch (RuntimeException e) {
			log.warn("Reading live events failed; trying again in {}: {}", settings.pollInterval(), e.getMessage());
		}
	}

	private void enqueue(Set<LiveStream> targets, Object item) {
		if (targets != null) {
			targets.forEach(stream -> stream.enqueue(item));
		}
	}

	private void heartbeat() {
		streams.forEach(stream -> stream.enqueue(LiveStream.HEARTBEAT));
	}

	// -- lifecycle -------------------------------------------------------------------------------------------------

	@Override
	public void start() {
		if (!enabled) {
			return;
		}
		polled = Cursor.atHorizon(repository.horizon());
		senders = Executors.newFixedThreadPool(SENDERS, daemon("herald-live-sender"));
		poller = Executors.newSingleThreadScheduledExecutor(daemon("herald-live-poller"));
		long poll = settings.pollInterval().toMillis();
		long heartbeat = settings.heartbeat().toMillis();
		poller.scheduleWithFixedDelay(this::poll, poll, poll, TimeUnit.MILLISECONDS);
		poller.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
		running = true;
	}

	/** Ends every stream before the web server's graceful shutdown, which would otherwise wait for them. */
	@Override
	public void stop() {
		if (!running) {
			return;
		}
		running = false;
		poller.shutdownNow();
		streams.forEach(LiveStream::end);
		senders.shutdown();
		try {
			if (!senders.awaitTermination(5, TimeUnit.SECONDS)) {
				senders.shutdownNow();
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		// stop before the web server's graceful shutdown and before the data source goes away
		return Integer.MAX_VALUE - 1000;
	}

	/** Daemon threads named {@code name-1}, {@code name-2}, ... */
	private static ThreadFactory daemon(String name) {
		CustomizableThreadFactory factory = new CustomizableThreadFactory(name + "-");
		factory.setDaemon(true);
		return factory;
	}

}
