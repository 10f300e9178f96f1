package io.herald.demo;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled seed demo data and simulate orders
 * @param orderInterval time between simulated orders
 * @param stockingDelay how long a simulated station takes to report, at most
 * @param failureRate share of simulated stocking reports that fail
 * @param seed random seed of the simulation
 */
@ConfigurationProperties("herald.demo")
public record DemoSettings(@DefaultValue("false") boolean enabled, @DefaultValue("3s") Duration orderInterval,
		@DefaultValue("10s") Duration stockingDelay, @DefaultValue("0.25") double failureRate,
		@DefaultValue("42") long seed) {
}
