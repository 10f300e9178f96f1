package io.herald.access.ratelimit;

import java.util.Optional;

import io.herald.access.Caller;
import org.springframework.stereotype.Component;

/** The buckets of each kind of caller; empty where a kind has no limit. */
@Component
public class RateLimits {

	private final TokenBuckets merchant;

	private final TokenBuckets station;

	private final TokenBuckets operator;

	private final TokenBuckets tracking;

	RateLimits(RateLimitSettings settings, LiveNodes nodes) {
		this.merchant = buckets("merchant", settings.merchant(), nodes);
		this.station = buckets("station", settings.station(), nodes);
		this.operator = buckets("operator", settings.operator(), nodes);
		this.tracking = buckets("tracking", settings.tracking(), nodes);
	}

	private static TokenBuckets buckets(String name, RateLimitSettings.Limit limit, LiveNodes nodes) {
		return limit.on() ? new TokenBuckets(name, limit, nodes::count) : null;
	}

	/** The decision for a request of this API key, empty when its kind is not limited. */
	Optional<Limited> forKey(Caller caller) {
		TokenBuckets buckets = switch (caller.role()) {
			case MERCHANT -> merchant;
			case STATION -> station;
			case ADMIN -> operator;
		};
		return buckets == null ? Optional.empty()
				: Optional.of(new Limited(caller.role().name().toLowerCase(java.util.Locale.ROOT),
						buckets.take(caller.keyId().toString())));
	}

	/** The decision for a request under a tracking token, empty when tracking pages are not limited. */
	Optional<Limited> forTrackingToken(String token) {
		return tracking == null ? Optional.empty() : Optional.of(new Limited("tracking", tracking.take(token)));
	}

	boolean tracking() {
		return tracking != null;
	}

	boolean keys() {
		return merchant != null || station != null || operator != null;
	}

	record Limited(String policyName, TokenBuckets.Decision decision) {
	}

}
