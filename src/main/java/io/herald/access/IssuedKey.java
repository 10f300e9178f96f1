package io.herald.access;

import java.util.UUID;

/**
 * A freshly issued API key. The secret is shown exactly once, in this value; only its hash is stored.
 *
 * @param id key id, for revocation
 * @param key the secret to present as {@code Authorization: Bearer <key>}
 */
public record IssuedKey(UUID id, String key) {
}
