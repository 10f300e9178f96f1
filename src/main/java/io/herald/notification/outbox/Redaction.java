package io.herald.notification.outbox;

import java.util.regex.Pattern;

import io.herald.notification.policy.ChannelType;

/**
 * What a message shows to someone who is not the customer, its merchant or an operator (a station): no link that acts
 * as the customer (the tracking page, where the customer can cancel; the one-click unsubscribe) and the customer's
 * address masked. The same masking as the copies the Kafka channel publishes; the live stream's copies need none,
 * their templates carry no link.
 */
public final class Redaction {

	/** The token of a tracking link: whoever holds it is the customer on the tracking page. */
	private static final Pattern TRACKING_TOKEN = Pattern.compile("(/track/)[^\\s\"'<>?#/]+");

	/** The signed token of an unsubscribe link. */
	private static final Pattern UNSUBSCRIBE_TOKEN = Pattern.compile("(/unsubscribe\\?token=)[^\\s\"'<>&#]+");

	static final String HIDDEN = "[hidden]";

	private Redaction() {
	}

	/**
	 * An address with all but its ends hidden: an email keeps the first character and the domain, a phone number its
	 * first three characters (the country code, or part of it) and last two digits.
	 */
	public static String address(ChannelType channel, String address) {
		if (address == null || address.isBlank()) {
			return address;
		}
		if (channel == ChannelType.EMAIL && address.indexOf('@') > 0) {
			int at = address.lastIndexOf('@');
			return address.charAt(0) + "***" + address.substring(at);
		}
		if (address.length() <= 5) {
			return "*".repeat(address.length());
		}
		return address.substring(0, 3) + "*".repeat(address.length() - 5) + address.substring(address.length() - 2);
	}

	/**
	 * The text without the tokens of its links and with the customer's address, wherever it appears (a provider's
	 * error quotes it), masked.
	 */
	static String text(String text, ChannelType channel, String address) {
		if (text == null) {
			return null;
		}
		String hidden = TRACKING_TOKEN.matcher(text).replaceAll("$1" + HIDDEN);
		hidden = UNSUBSCRIBE_TOKEN.matcher(hidden).replaceAll("$1" + HIDDEN);
		if (customerAddress(channel) && address != null && address.length() > 3) {
			hidden = hidden.replace(address, address(channel, address));
		}
		return hidden;
	}

	/** The channels whose recipient is the customer's own address (the others name an endpoint or a stream). */
	static boolean customerAddress(ChannelType channel) {
		return channel == ChannelType.EMAIL || channel == ChannelType.SMS;
	}

}
