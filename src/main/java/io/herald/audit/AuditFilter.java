package io.herald.audit;

import java.time.Instant;

/**
 * What to list: each part optional.
 *
 * @param action an exact action ({@code key.rotated}) or a family ending in a dot ({@code key.})
 * @param actor a key or account id, or an account name
 */
public record AuditFilter(String action, String actor, Instant from, Instant to) {
}
