package io.herald;

import io.herald.platform.CommonPool;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Herald keeps every customer truthfully informed about their order, from assignment to doorstep.
 *
 * <p>Each direct sub-package is an application module (Spring Modulith): {@code order}, {@code station},
 * {@code stocking}, {@code notification}, {@code merchant}, {@code access}, {@code demo} and the shared
 * {@code platform}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableAsync
@EnableScheduling
public class HeraldApplication {

	public static void main(String[] args) {
		// before anything uses CompletableFuture: see CommonPool
		CommonPool.atLeastTwoThreads();
		SpringApplication.run(HeraldApplication.class, args);
	}

}
