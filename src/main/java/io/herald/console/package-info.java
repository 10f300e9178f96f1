/**
 * The operator console: server-rendered pages (Thymeleaf, a little plain JavaScript, Chart.js from a WebJar) for
 * people signed in with an operator (ADMIN) account. An overview with charts of stocking failures, notifications,
 * on-time rate and ETA error; the stations with their service areas drawn; orders with search, filters, their story
 * and notifications; dead notifications with re-drive; webhook subscriptions with enable and disable; the Kafka
 * intake's dead letters by reason; the audit log. It only reads and
 * acts through the other modules' public APIs, with the signed-in operator as the caller.
 */
@ApplicationModule(allowedDependencies = { "access", "audit", "kafka", "merchant", "notification", "order", "order :: stocking", "platform", "platform :: geo", "routing", "station" })
package io.herald.console;

import org.springframework.modulith.ApplicationModule;
