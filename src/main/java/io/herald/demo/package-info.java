/**
 * Demo mode ({@code --spring.profiles.active=demo}): seeds stations with real service areas in Andorra and a stream
 * of orders with simulated stocking outcomes, so the whole loop is visible within a minute of starting.
 */
@ApplicationModule(allowedDependencies = { "access", "merchant", "order", "order :: stocking", "routing", "station" })
package io.herald.demo;

import org.springframework.modulith.ApplicationModule;
