/**
 * The SMS channel: {@link io.herald.notification.channel.sms.SmsChannel} sends through an
 * {@link io.herald.notification.channel.sms.SmsProvider} (one HTTP implementation, configured under
 * {@code herald.notifications.sms}), and the provider's delivery receipts come back through
 * {@code POST /api/v1/sms/receipts}.
 */
package io.herald.notification.channel.sms;
