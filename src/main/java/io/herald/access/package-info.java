/**
 * Who is calling: API keys for operators (ADMIN), merchants and stations, stored hashed, and the security filter
 * chain that turns a key into a {@link io.herald.access.Caller}.
 */
@ApplicationModule(allowedDependencies = { "platform" })
package io.herald.access;

import org.springframework.modulith.ApplicationModule;
