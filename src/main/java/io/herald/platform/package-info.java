/**
 * Shared platform: embedded PostgreSQL, RFC 9457 error handling and request limits. Every module may use it.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.herald.platform;
