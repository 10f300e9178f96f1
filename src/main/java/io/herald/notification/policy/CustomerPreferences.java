package io.herald.notification.policy;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What one customer wants to hear and how.
 *
 * @param channels the customer's channels in order of preference; empty: the configured default order
 * @param optOuts what they do not want: {@code KIND:CHANNEL}, {@code KIND:*} or {@code *:CHANNEL}
 * @param quietStart start of the quiet hours in {@code zone}, or null for none
 * @param quietEnd end of the quiet hours (may be before the start: the hours span midnight)
 * @param zone the customer's time zone
 */
public record CustomerPreferences(List<ChannelType> channels, Set<String> optOuts, LocalTime quietStart,
		LocalTime quietEnd, ZoneId zone) {

	public CustomerPreferences {
		channels = List.copyOf(channels);
		optOuts = Set.copyOf(optOuts);
		if ((quietStart == null) != (quietEnd == null)) {
			throw new IllegalArgumentException("quiet hours need both a start and an end");
		}
	}

	/** No stored preferences: default channels, no opt-out, no quiet hours. */
	public static CustomerPreferences defaults(ZoneId zone) {
		return new CustomerPreferences(List.of(), Set.of(), null, null, zone);
	}

	public boolean optedOut(NotificationKind kind, ChannelType channel) {
		return optOuts.contains(kind + ":" + channel) || optOuts.contains(kind + ":*")
				|| optOuts.contains("*:" + channel) || optOuts.contains("*:*");
	}

	/** An opt-out entry in its canonical form, or an exception saying what is wrong with it. */
	public static String optOut(String entry) {
		String[] parts = entry.trim().toUpperCase(Locale.ROOT).split(":", -1);
		if (parts.length != 2) {
			throw new IllegalArgumentException("an opt-out is KIND:CHANNEL, KIND:* or *:CHANNEL, not '" + entry + "'");
		}
		if (!parts[0].equals("*")) {
			NotificationKind.valueOf(parts[0]);
		}
		if (!parts[1].equals("*")) {
			ChannelType channel = ChannelType.valueOf(parts[1]);
			if (!channel.reachesCustomer()) {
				throw new IllegalArgumentException(channel + " is not a customer channel");
			}
		}
		return parts[0] + ":" + parts[1];
	}

}
