/**
 * Shared platform: embedded PostgreSQL, the clock, RFC 9457 error handling, request limits, group commit. Every module
 * may use its base package and the named interfaces {@code platform :: geo} (geographic value types) and
 * {@code platform :: validation} (shared constraints); it depends on no other module.
 */
@ApplicationModule(allowedDependencies = {})
package io.herald.platform;

import org.springframework.modulith.ApplicationModule;
