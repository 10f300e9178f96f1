package io.herald.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open stream: whose events it carries, what it has sent, what waits to be sent, and the writing of it. The
 * poller hands it rows and heartbeats ({@link #enqueue}); a sender thread writes them in order after the stream's
 * replay, never two at once for the same stream. {@link LiveStreams} keeps the node's streams and their index.
 */
final class LiveStream {

	private static final Logger log = LoggerFactory.getLogger(LiveStream.class);

	/** A comment line that keeps proxies from closing an idle stream. */
	static final Object HEARTBEAT = new Object();

	/** Queued items (events, heartbeats) of one stream beyond which its client is considered stuck. */
	private static final int MAX_PENDING = 1_000;

	/** The data is JSON text, written as is; an explicit charset keeps non-ASCII names intact. */
	private static final MediaType UTF8_TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

	enum Scope {
		ORDER, STATION
	}

	private final Scope scope;

	private final UUID owner;

	private final boolean announce;

	private final SseEmitter emitter;

	private final LiveEventRepository repository;

	private final Executor senders;

	private final Queue<Object> pending = new ConcurrentLinkedQueue<>();

	private final AtomicInteger size = new AtomicInteger();

	private final AtomicBoolean scheduled = new AtomicBoolean();

	private final AtomicBoolean closed = new AtomicBoolean();

	/** The last row sent (or the starting cursor); written by one sender at a time, handed over by the queue. */
	private volatile Cursor sent;

	private volatile boolean replayed;

	/**
	 * @param announce whether to send the starting cursor as the first event's id, so that a reconnect before the
	 * first event resumes from there
	 */
	LiveStream(Scope scope, UUID owner, Cursor from, boolean announce, Duration timeout,
			LiveEventRepository repository, Executor senders) {
		this.scope = scope;
		this.owner = owner;
		this.sent = from;
		this.announce = announce;
		this.emitter = new SseEmitter(timeout.toMillis());
		this.repository = repository;
		this.senders = senders;
	}

	Scope scope() {
		return scope;
	}

	UUID owner() {
		return owner;
	}

	SseEmitter emitter() {
		return emitter;
	}

	/** Marks the stream closed; true only the first time. */
	boolean markClosed() {
		return closed.compareAndSet(false, true);
	}

	/** Queues a row or a heartbeat; a client that fell too far behind is ended and resumes from its last id. */
	void enqueue(Object item) {
		int queued = size.incrementAndGet();
		if (queued > MAX_PENDING) {
			if (queued == MAX_PENDING + 1) {
				log.info("A live stream of {} {} fell {} items behind; ending it, the client resumes from its last id",
						scope, owner, MAX_PENDING);
				end();
			}
			return;
		}
		pending.add(item);
		schedule();
	}

	/** Ends the response; the container then reports completion, which closes the stream in {@link LiveStreams}. */
	void end() {
		try {
			emitter.complete();
		}
		catch (RuntimeException e) {
			log.debug("Completing a live stream failed: {}", e.getMessage());
		}
	}

	/** Has a sender write what is queued, unless one is at it already. */
	void schedule() {
		if (scheduled.compareAndSet(false, true)) {
			try {
				senders.execute(this::drain);
			}
			catch (RejectedExecutionException e) {
				// shutting down: the stream is being ended anyway
				scheduled.set(false);
			}
		}
	}

	/** Writes what is queued, after the replay; never runs twice at once for the same stream. */
	private void drain() {
		try {
			if (!replayed) {
				replay();
				replayed = true;
			}
			Object item;
			while (!closed.get() && (item = pending.poll()) != null) {
				size.decrementAndGet();
				if (item == HEARTBEAT) {
					emitter.send(SseEmitter.event().comment("heartbeat"));
				}
				else if (item instanceof LiveEvent event && sent.isBefore(event.cursor())) {
					send(event);
				}
			}
		}
		catch (IOException | IllegalStateException e) {
			// the client went away, or the response ended meanwhile (timeout)
			log.debug("Live stream of {} {} ended: {}", scope, owner, e.getMessage());
			end();
		}
		catch (RuntimeException e) {
			log.warn("Live stream of {} {} failed; the client resumes from its last id: {}", scope, owner,
					e.getMessage());
			end();
		}
		finally {
			scheduled.set(false);
			if (!pending.isEmpty() && !closed.get()) {
				schedule();
			}
		}
	}

	private void replay() throws IOException {
		if (announce) {
			// an event with only an id sets the client's Last-Event-ID, so a reconnect before the first event
			// resumes from here instead of starting over
			emitter.send(SseEmitter.event().id(sent.toString()));
		}
		List<LiveEvent> page;
		do {
			page = scope == Scope.ORDER ? repository.ofOrderAfter(owner, sent, LiveStreams.PAGE)
					: repository.ofStationAfter(owner, sent, LiveStreams.PAGE);
			for (LiveEvent event : page) {
				send(event);
			}
		}
		while (page.size() == LiveStreams.PAGE && !closed.get());
	}

	private void send(LiveEvent event) throws IOException {
		emitter.send(SseEmitter.event().id(event.cursor().toString()).data(event.payload(), UTF8_TEXT));
		sent = event.cursor();
	}

}
