package io.herald.platform;

import java.util.Map;

/**
 * The audit log of changes that people and operators make (accounts, keys, stations, merchants, webhooks, re-drives,
 * stocking corrections). Every module may record into it; the audit module implements it, taking who did it and from
 * where from the current request. Call it inside the changing transaction, so that the entry and the change commit
 * together or not at all.
 */
public interface AuditTrail {

	/**
	 * Records one action.
	 * @param action what was done, lower case with dots: {@code key.rotated}, {@code station.updated}
	 * @param targetType the kind of object acted on: {@code api_key}, {@code station}
	 * @param targetId its id (any object's {@code toString()}), or null
	 * @param details a few values that tell the change apart, never secrets (no keys, passwords, webhook secrets)
	 */
	void record(String action, String targetType, Object targetId, Map<String, ?> details);

	default void record(String action, String targetType, Object targetId) {
		record(action, targetType, targetId, Map.of());
	}

}
