package io.herald.notification.preference;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.herald.notification.policy.ChannelType;
import io.herald.order.Customer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Customers' stored preferences. A customer is known per merchant by their email address (lower case) or, without
 * one, their phone number, as given on their orders: the same person ordering twice keeps their choices.
 */
@Repository
public class CustomerPreferenceRepository {

	/** A customer of a merchant. */
	public record Key(UUID merchantId, String customer) {
	}

	/** What is stored; the time zone null means the order's. */
	public record Stored(List<ChannelType> channels, Set<String> optOuts, LocalTime quietStart, LocalTime quietEnd,
			String timeZone) {

		public static final Stored NONE = new Stored(List.of(), Set.of(), null, null, null);

	}

	private final JdbcClient jdbc;

	CustomerPreferenceRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public static String customerKey(Customer customer) {
		return customerKey(customer.email() != null && !customer.email().isBlank() ? customer.email()
				: customer.phone());
	}

	/** An email address (lower case) or a phone number, as a customer is known. */
	public static String customerKey(String emailOrPhone) {
		String trimmed = emailOrPhone.trim();
		return trimmed.contains("@") ? trimmed.toLowerCase(Locale.ROOT) : trimmed;
	}

	public Map<Key, Stored> findAll(Collection<Key> keys) {
		Map<Key, Stored> found = new HashMap<>();
		if (keys.isEmpty()) {
			return found;
		}
		jdbc.sql("""
				select merchant_id, customer_key, channels, opt_outs, quiet_start, quiet_end, time_zone
				from customer_preference
				where (merchant_id, customer_key) in (select * from unnest(?::uuid[], ?::text[]))""")
			.params(keys.stream().map(Key::merchantId).toArray(UUID[]::new),
					keys.stream().map(Key::customer).toArray(String[]::new))
			.query((ResultSet rs) -> {
				found.put(new Key(rs.getObject("merchant_id", UUID.class), rs.getString("customer_key")), map(rs));
			});
		return found;
	}

	Optional<Stored> find(Key key) {
		return Optional.ofNullable(findAll(List.of(key)).get(key));
	}

	void save(Key key, Stored stored) {
		jdbc.sql("""
				insert into customer_preference (merchant_id, customer_key, channels, opt_outs, quiet_start, quiet_end,
				  time_zone, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, now())
				on conflict (merchant_id, customer_key) do update set channels = excluded.channels,
				  opt_outs = excluded.opt_outs, quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end,
				  time_zone = excluded.time_zone, updated_at = now()""")
			.params(key.merchantId(), key.customer(),
					stored.channels().stream().map(Enum::name).toArray(String[]::new),
					stored.optOuts().toArray(String[]::new), time(stored.quietStart()), time(stored.quietEnd()),
					stored.timeZone())
			.update();
	}

	/** Adds one opt-out, keeping everything else (the unsubscribe link). */
	void addOptOut(Key key, String optOut) {
		jdbc.sql("""
				insert into customer_preference (merchant_id, customer_key, opt_outs) values (?, ?, array[?])
				on conflict (merchant_id, customer_key) do update
				set opt_outs = case when ? = any(customer_preference.opt_outs) then customer_preference.opt_outs
				                    else array_append(customer_preference.opt_outs, ?) end,
				  updated_at = now()""")
			.params(key.merchantId(), key.customer(), optOut, optOut, optOut)
			.update();
	}

	private static Stored map(ResultSet rs) throws SQLException {
		List<ChannelType> channels = Arrays.stream(strings(rs.getArray("channels"))).map(ChannelType::valueOf).toList();
		Set<String> optOuts = new LinkedHashSet<>(Arrays.asList(strings(rs.getArray("opt_outs"))));
		Time start = rs.getTime("quiet_start");
		Time end = rs.getTime("quiet_end");
		return new Stored(channels, optOuts, start == null ? null : start.toLocalTime(),
				end == null ? null : end.toLocalTime(), rs.getString("time_zone"));
	}

	private static String[] strings(Array array) throws SQLException {
		return array == null ? new String[0] : (String[]) array.getArray();
	}

	private static Time time(LocalTime t) {
		return t == null ? null : Time.valueOf(t);
	}

}
