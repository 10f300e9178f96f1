package io.herald.platform;

import java.util.concurrent.ForkJoinPool;

/**
 * Makes the JVM's common pool a pool on machines with one or two cores.
 *
 * <p>
 * With a common-pool parallelism below 2 (the default on two cores: cores - 1), {@link
 * java.util.concurrent.CompletableFuture} runs every asynchronous stage without an executor on a <em>new thread</em>.
 * The JDK's HttpClient does exactly that once per response of {@code sendAsync} (it hands the completion to the
 * CompletableFuture default executor, so that callers' stages never run on its own threads). Profiled on the
 * webhook path, creating and ending a thread per webhook took about a fifth of Herald's CPU on a 2-core machine, and it
 * is why an earlier measurement found the asynchronous client slower than the blocking one. The property must be set
 * before CompletableFuture is first used, so the entry points call this first thing.
 */
public final class CommonPool {

	static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

	private CommonPool() {
	}

	/** Sets the common pool's parallelism to at least 2, unless it was configured explicitly. */
	public static void atLeastTwoThreads() {
		if (System.getProperty(PARALLELISM) == null && Runtime.getRuntime().availableProcessors() <= 2) {
			System.setProperty(PARALLELISM, "2");
		}
	}

	/** Whether the asynchronous stages of CompletableFuture run on the common pool (not a thread each). */
	public static boolean shared() {
		return ForkJoinPool.getCommonPoolParallelism() > 1;
	}

}
