package io.herald.access;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.herald.platform.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators list, rotate and revoke API keys. Rotation is for operators only: a merchant able to rotate its own key
 * would let whoever stole that key mint a successor that outlives the revocation of the stolen one.
 */
@Tag(name = "Keys", description = "Operators list, rotate and revoke API keys; secrets are never shown again")
@RestController
@Allowed(Role.ADMIN)
class KeyController {

	private final ApiKeys keys;

	KeyController(ApiKeys keys) {
		this.keys = keys;
	}

	@Operation(summary = "List API keys (operator)",
			description = "With each key's expiry, successor and last use (to within herald.security.last-used-flush).")
	@GetMapping("/api/v1/keys")
	List<ApiKeys.KeyInfo> list() {
		return keys.all();
	}

	@Operation(summary = "Revoke an API key (operator)", description = "Effective at once on this node, within 10 s on others.")
	@DeleteMapping("/api/v1/keys/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(@PathVariable UUID id) {
		if (!keys.revoke(id)) {
			throw new NotFoundException("Active key", id);
		}
	}

	@Operation(summary = "Rotate an API key (operator)",
			description = "Issues a new key with the same role and owner, shown once; the old one stays valid for "
					+ "herald.security.key-rotation-overlap (or until its own expiry, if sooner), then it is refused "
					+ "as expired. The new key may be given an expiry.")
	@PostMapping("/api/v1/keys/{id}/rotation")
	@ResponseStatus(HttpStatus.CREATED)
	RotatedKey rotate(@PathVariable UUID id, @RequestBody(required = false) RotationRequest request) {
		Instant expiresAt = request == null ? null : request.expiresAt();
		ApiKeys.Rotation rotation = keys.rotate(id, expiresAt)
			.orElseThrow(() -> new NotFoundException("Active key", id));
		return new RotatedKey(rotation.key().id(), rotation.key().key(), expiresAt, rotation.previousKeyId(),
				rotation.previousValidUntil());
	}

	/** @param expiresAt when the new key stops being accepted; absent: never */
	record RotationRequest(Instant expiresAt) {
	}

	/**
	 * @param key the new secret, shown this once
	 * @param previousValidUntil when the rotated key stops being accepted
	 */
	record RotatedKey(UUID id, String key, Instant expiresAt, UUID previousKeyId, Instant previousValidUntil) {
	}

}
