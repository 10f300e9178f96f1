/**
 * The audit log: who (an API key or a signed-in account, with its role), when, what (action, target, a few details
 * without secrets) and from where (client address) for every change that people and operators make. Written through
 * {@link io.herald.platform.AuditTrail} in the changing transaction; read by operators in the API
 * ({@code GET /api/v1/audit}) and the console. Append-only: the database refuses UPDATE and DELETE on the table.
 */
@ApplicationModule(allowedDependencies = { "platform", "access" })
package io.herald.audit;

import org.springframework.modulith.ApplicationModule;
