package io.herald.notification.channel.sms;

/**
 * One text message as a provider sends it.
 *
 * @param to the customer's phone number in E.164 form ({@code +8613800138000})
 * @param text the whole message
 * @param reference Herald's id for the message ({@code msg_<notificationId>}), stable across retries: the provider's
 * idempotency key, so a re-send after a timeout or a crash does not reach the phone twice
 */
public record SmsMessage(String to, String text, String reference) {
}
