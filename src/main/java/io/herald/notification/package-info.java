/**
 * Customer notifications: a notification is one message to one recipient on one channel about one order event. The
 * module turns order and route events into notifications inside the transaction of the change ({@code planning},
 * asking the plain-Java {@code policy}), renders them per locale ({@code template}), keeps them in the outbox
 * ({@code outbox}) and sends them with retries until SENT or DEAD ({@code dispatch}) through its channels
 * ({@code channel}: webhook, email, SMS, live, Kafka, log). Customers' wishes live in {@code preference}, merchants' webhook
 * endpoints in {@code webhook}.
 * <p>
 * Its API for other modules is small: {@link io.herald.notification.NotificationAdministration} (an order's
 * notifications, the ones given up on, re-drive), {@link io.herald.notification.WebhookAdministration} and
 * {@link io.herald.notification.NotificationStats}.
 */
@ApplicationModule(allowedDependencies = { "access", "live", "merchant", "order", "order :: stocking", "platform", "routing" })
package io.herald.notification;

import org.springframework.modulith.ApplicationModule;
