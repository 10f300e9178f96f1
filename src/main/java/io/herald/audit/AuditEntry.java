package io.herald.audit;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * One line of the audit log.
 *
 * @param actorKind KEY (an API key), ACCOUNT (a signed-in person) or SYSTEM (Herald itself, e.g. at startup)
 * @param actorId the key's or account's id
 * @param actorName the account's name (null for keys)
 * @param actorRole ADMIN, MERCHANT or STATION
 * @param clientAddress the address the request came from, as Tomcat sees it (the proxy's forwarded address when
 * configured)
 */
public record AuditEntry(long id, Instant at, String actorKind, String actorId, String actorName, String actorRole,
		String action, String targetType, String targetId, JsonNode details, String clientAddress) {
}
