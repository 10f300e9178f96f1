package io.herald.access;

import java.util.Optional;
import java.util.UUID;

import org.springframework.security.access.AccessDeniedException;

/**
 * The authenticated caller of an API request.
 *
 * @param keyId the API key used, or the account signed in to a page session
 * @param role what the key may do
 * @param merchantId set for merchant keys
 * @param stationId set for station keys
 */
public record Caller(UUID keyId, Role role, UUID merchantId, UUID stationId) implements java.io.Serializable {

	public boolean isAdmin() {
		return role == Role.ADMIN;
	}

	/** Refuses (403) unless the caller has one of the given roles. */
	public Caller require(Role... roles) {
		for (Role r : roles) {
			if (r == role) {
				return this;
			}
		}
		throw new AccessDeniedException("This operation needs a key with role " + java.util.Arrays.toString(roles));
	}

	/** The merchant whose data this caller may see; empty for an operator, who sees all. */
	public Optional<UUID> merchantScope() {
		return Optional.ofNullable(merchantId);
	}

	/** The station whose orders this caller may see; empty unless this is a station key. */
	public Optional<UUID> stationScope() {
		return Optional.ofNullable(stationId);
	}

}
