package io.herald.platform;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock every module reads the time from, so that time is explicit: code asks the injected {@link Clock}
 * instead of {@code Instant.now()}, and a test that is about time adds a {@code @Primary} clock it can advance
 * (test support's {@code MutableClock}). Not {@code @ConditionalOnMissingBean}: that condition is reliable only in
 * auto-configuration.
 */
@Configuration(proxyBeanMethods = false)
public class TimeConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
