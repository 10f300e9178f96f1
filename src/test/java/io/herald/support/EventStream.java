package io.herald.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

/**
 * A {@code text/event-stream} response read line by line as a browser's EventSource would: fields are collected
 * until a blank line, an event is dispatched only when it has data, an {@code id} field (even of an event without
 * data) sets {@link #lastEventId()}, and comment lines are counted.
 */
public final class EventStream implements AutoCloseable {

	private static final Event END = new Event(null, null);

	private final int status;

	private final String contentType;

	private final InputStream body;

	private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

	private final AtomicInteger comments = new AtomicInteger();

	private final StringBuilder unexpected = new StringBuilder();

	private volatile String lastEventId;

	private volatile boolean ended;

	EventStream(HttpResponse<InputStream> response) {
		this.status = response.statusCode();
		this.contentType = response.headers().firstValue("Content-Type").orElse("");
		this.body = response.body();
		Thread reader = new Thread(this::read, "event-stream-reader");
		reader.setDaemon(true);
		if (status == 200) {
			reader.start();
		}
	}

	public int status() {
		return status;
	}

	public String contentType() {
		return contentType;
	}

	/** The whole body of a refused (non-200) response. */
	public Api.Response refusal() {
		try {
			return new Api.Response(status, contentType, new String(body.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The next event with data, or null if none arrives within the timeout or the stream ended. */
	public Event next(Duration timeout) {
		try {
			Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (event == END) {
				events.add(END);
				return null;
			}
			return event;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** The next {@code count} events, failing unless all arrive within the timeout. */
	public List<Event> next(int count, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<Event> received = new ArrayList<>();
		while (received.size() < count) {
			Event event = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
			if (event == null) {
				throw new AssertionError("expected " + count + " events within " + timeout + ", got " + received);
			}
			received.add(event);
		}
		return received;
	}

	/** The id last set by the stream, as EventSource would send it back as Last-Event-ID. */
	public String lastEventId() {
		return lastEventId;
	}

	public int comments() {
		return comments.get();
	}

	/** Whether the server ended the response. */
	public boolean ended() {
		return ended;
	}

	/** Lines that are neither fields, comments nor blank: there must be none. */
	public String unexpected() {
		synchronized (unexpected) {
			return unexpected.toString();
		}
	}

	/** Drops the connection, as a closed browser tab would. */
	@Override
	public void close() {
		try {
			body.close();
		}
		catch (IOException e) {
			// closing anyway
		}
	}

	private void read() {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
			String id = null;
			StringBuilder data = null;
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.isEmpty()) {
					if (id != null) {
						lastEventId = id;
					}
					if (data != null) {
						events.add(new Event(id, data.toString()));
					}
					id = null;
					data = null;
				}
				else if (line.startsWith(":")) {
					comments.incrementAndGet();
				}
				else if (line.startsWith("id:")) {
					id = value(line);
				}
				else if (line.startsWith("data:")) {
					data = data == null ? new StringBuilder(value(line)) : data.append('\n').append(value(line));
				}
				else if (!line.startsWith("event:") && !line.startsWith("retry:")) {
					synchronized (unexpected) {
						unexpected.append(line).append('\n');
					}
				}
			}
		}
		catch (IOException e) {
			// closed by the test, or the server went away
		}
		finally {
			ended = true;
			events.add(END);
		}
	}

	private static String value(String line) {
		String value = line.substring(line.indexOf(':') + 1);
		return value.startsWith(" ") ? value.substring(1) : value;
	}

	/** One dispatched event: its id and its data, JSON in Herald's streams. */
	public record Event(String id, String data) {

		public JsonNode json() {
			return Api.JSON.readTree(data);
		}

		public String type() {
			return json().path("type").asString();
		}

	}

}
