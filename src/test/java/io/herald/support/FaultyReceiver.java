package io.herald.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP/1.1 receiver on a raw socket, for the faults a well-behaved HTTP server cannot produce: a
 * connection reset mid-request and an answer that takes longer than the sender's timeout. Each request takes the next
 * scripted behaviour; when the script is empty it answers 200.
 */
public final class FaultyReceiver implements AutoCloseable {

	/** What to do with one request. */
	public sealed interface Behaviour {

		/** Read the request, then reset the connection (RST) without answering. */
		record Reset() implements Behaviour {
		}

		/** Wait, then answer 200 (if the sender is still there). */
		record Slow(Duration delay) implements Behaviour {
		}

	}

	/** One request as received: its webhook-id header, or null. */
	public record Request(String webhookId, String behaviour) {
	}

	private final ServerSocket server;

	private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
		Thread t = new Thread(r, "faulty-receiver");
		t.setDaemon(true);
		return t;
	});

	private final Queue<Behaviour> script = new ConcurrentLinkedQueue<>();

	private final List<Request> received = new CopyOnWriteArrayList<>();

	public FaultyReceiver() throws IOException {
		server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		pool.execute(this::accept);
	}

	public String url(String path) {
		return "http://127.0.0.1:" + server.getLocalPort() + path;
	}

	public void then(Behaviour... behaviours) {
		script.addAll(List.of(behaviours));
	}

	public List<Request> received() {
		return List.copyOf(received);
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket socket = server.accept();
				pool.execute(() -> handle(socket));
			}
			catch (IOException e) {
				return;
			}
		}
	}

	private void handle(Socket socket) {
		try (socket) {
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			String line;
			String webhookId = null;
			int length = 0;
			while ((line = in.readLine()) != null && !line.isEmpty()) {
				String lower = line.toLowerCase(Locale.ROOT);
				if (lower.startsWith("webhook-id:")) {
					webhookId = line.substring(11).trim();
				}
				else if (lower.startsWith("content-length:")) {
					length = Integer.parseInt(line.substring(15).trim());
				}
			}
			char[] body = new char[length];
			for (int read = 0; read < length;) {
				int n = in.read(body, read, length - read);
				if (n < 0) {
					break;
				}
				read += n;
			}
			Behaviour behaviour = script.poll();
			received.add(new Request(webhookId, behaviour == null ? "ok" : behaviour.getClass().getSimpleName()));
			if (behaviour instanceof Behaviour.Reset) {
				socket.setSoLinger(true, 0);
				return;
			}
			if (behaviour instanceof Behaviour.Slow slow) {
				// a slow receiver is one that takes real time to answer: the sender's timeout runs on real time
				Thread.sleep(slow.delay().toMillis());
			}
			OutputStream out = socket.getOutputStream();
			out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
		}
		catch (IOException e) {
			// the sender gave up (timeout): that is the point of a slow answer
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() throws IOException {
		server.close();
		pool.shutdownNow();
	}

}
