package io.herald.platform;

import java.util.concurrent.ThreadPoolExecutor;

import org.springframework.boot.task.ThreadPoolTaskExecutorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Back-pressure for event listeners. Spring Modulith hands each committed event to the application task executor;
 * with an unbounded queue, reports accepted faster than they can be notified pile up in memory. The queue is bounded
 * ({@code spring.task.execution.pool.queue-capacity}) and, when it is full, the thread that committed the event runs
 * the listener itself, which slows intake down to the pace of notification. Nothing is lost either way: every event
 * is in the publication registry until its listener completes.
 */
@Configuration(proxyBeanMethods = false)
class AsyncConfiguration {

	@Bean
	ThreadPoolTaskExecutorCustomizer callerRunsWhenSaturated() {
		return executor -> executor.setRejectedExecutionHandler(new ThreadPoolExecutor.CallerRunsPolicy());
	}

}
