package io.herald.platform;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock every module reads the time from, so that time is explicit: code asks the injected {@link Clock}
 * instead of {@code Instant.now()}, and a test that is about time replaces this bean with one it can advance.
 */
@Configuration(proxyBeanMethods = false)
public class TimeConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

}
