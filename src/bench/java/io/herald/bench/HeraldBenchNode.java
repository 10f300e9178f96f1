package io.herald.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.herald.HeraldApplication;
import io.herald.notification.dispatch.Dispatcher;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.Lifecycle;

/**
 * The main class of the JVM that runs Herald for the benchmarks ({@link HeraldProcess} starts it): Herald alone, so
 * that its CPU, JIT and GC can be told apart from the load generator's and the receivers', which stay in the
 * benchmark's JVM.
 *
 * <p>Arguments: the path of a file to write once Herald is up, then Herald's command-line properties. Besides Herald
 * it opens a tiny control server on loopback, polled only at phase boundaries so that it costs nothing measurable:
 * <ul>
 * <li>{@code POST /pause-dispatch}, {@code POST /resume-dispatch}: stop and start the notification dispatcher (the
 * crash phase of notify lets another node send alone);</li>
 * <li>{@code GET /stats}: what only the JVM itself knows, as {@code name=value} words: JIT compilation time, GC count
 * and time, process CPU.</li>
 * <li>{@code GET /soak}: once a minute in the soak benchmark: the heap used right after a full GC it asks for, and
 * the open and busy connections of Herald's pool.</li>
 * </ul>
 * The file gets {@code http=PORT control=PORT} (written to a temporary name and moved, so it is never read half
 * written). The node exits when the benchmark's JVM does, however that ends, so that no Herald is left behind.
 */
public final class HeraldBenchNode {

	private HeraldBenchNode() {
	}

	public static void main(String[] args) throws Exception {
		// as HeraldApplication.main does, before anything uses CompletableFuture
		io.herald.platform.CommonPool.atLeastTwoThreads();
		if (args.length < 1) {
			System.err.println("usage: HeraldBenchNode READY_FILE [--property=value ...]");
			System.exit(2);
		}
		Path ready = Path.of(args[0]);
		watchParent();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(HeraldApplication.class)
			.run(Arrays.copyOfRange(args, 1, args.length));
		HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
		control.createContext("/pause-dispatch", exchange -> lifecycle(exchange, context, false));
		control.createContext("/resume-dispatch", exchange -> lifecycle(exchange, context, true));
		control.createContext("/stats", exchange -> answer(exchange, 200, stats()));
		control.createContext("/soak", exchange -> answer(exchange, 200, soak(context)));
		// one request at a time on the server's own thread: enough, and no pool competing with Herald
		control.start();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> control.stop(0), "control-stop"));
		int httpPort = ((WebServerApplicationContext) context).getWebServer().getPort();
		Path partial = ready.resolveSibling(ready.getFileName() + ".partial");
		Files.writeString(partial, "http=" + httpPort + " control=" + control.getAddress().getPort() + "\n");
		Files.move(partial, ready, StandardCopyOption.ATOMIC_MOVE);
	}

	/**
	 * A benchmark killed with SIGKILL cannot stop its children: the benchmark holds this JVM's stdin open and never
	 * writes to it, so end of input means it is gone. Exiting runs Spring's shutdown hook, which stops the embedded
	 * PostgreSQL too. A blocked read costs no CPU, unlike polling the parent.
	 */
	private static void watchParent() {
		Thread watcher = new Thread(() -> {
			try {
				while (System.in.read() >= 0) {
					// nothing is ever written
				}
			}
			catch (IOException e) {
				// the same: the benchmark is gone
			}
			System.exit(3);
		}, "bench-parent-watch");
		watcher.setDaemon(true);
		watcher.start();
	}

	private static void lifecycle(HttpExchange exchange, ConfigurableApplicationContext context, boolean start)
			throws IOException {
		if (!exchange.getRequestMethod().equals("POST")) {
			answer(exchange, 405, "POST only\n");
			return;
		}
		// by type, so that a rename is a compile error here rather than a failed run. stop() lets in-flight sends
		// finish first
		Lifecycle dispatcher = context.getBean(Dispatcher.class);
		if (start) {
			dispatcher.start();
		}
		else {
			dispatcher.stop();
		}
		answer(exchange, 200, "dispatcher " + (dispatcher.isRunning() ? "running" : "stopped") + "\n");
	}

	/** JIT and GC totals since the JVM started, and its CPU; the benchmark takes differences between phases. */
	private static String stats() {
		long gcCount = 0, gcMillis = 0;
		for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
			gcCount += Math.max(0, gc.getCollectionCount());
			gcMillis += Math.max(0, gc.getCollectionTime());
		}
		long cpuNanos = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
				? os.getProcessCpuTime() : -1;
		var compilation = ManagementFactory.getCompilationMXBean();
		long jitMillis = compilation != null && compilation.isCompilationTimeMonitoringSupported()
				? compilation.getTotalCompilationTime() : -1;
		Runtime runtime = Runtime.getRuntime();
		return String.format(Locale.ROOT, "jit_ms=%d gc_count=%d gc_ms=%d cpu_ns=%d heap_used_mb=%d threads=%d%n",
				jitMillis, gcCount, gcMillis, cpuNanos, (runtime.totalMemory() - runtime.freeMemory()) >> 20,
				ManagementFactory.getThreadMXBean().getThreadCount());
	}

	/**
	 * Heap after a full collection: what Herald holds on to, without the garbage that happens to be around. One
	 * System.gc() a minute is a short pause that the soak's p99 includes.
	 */
	private static String soak(ConfigurableApplicationContext context) {
		ManagementFactory.getMemoryMXBean().gc();
		long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		var pool = context.getBean(com.zaxxer.hikari.HikariDataSource.class).getHikariPoolMXBean();
		return String.format(Locale.ROOT, "heap_after_gc_mb=%d db_connections=%d db_active=%d%n", heap >> 20,
				pool.getTotalConnections(), pool.getActiveConnections());
	}

	private static void answer(HttpExchange exchange, int status, String text) throws IOException {
		byte[] body = text.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
		exchange.sendResponseHeaders(status, body.length);
		try (exchange; OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
