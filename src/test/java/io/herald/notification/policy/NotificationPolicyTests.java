package io.herald.notification.policy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.herald.notification.policy.Intent.Disposition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotificationPolicyTests {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	/** 10:00 in Shanghai. */
	static final Instant MORNING = Instant.parse("2026-11-24T02:00:00Z");

	/** 23:30 in Shanghai. */
	static final Instant NIGHT = Instant.parse("2026-11-24T15:30:00Z");

	final Recipients everyone = new Recipients(List.of("merchant:1", "subscription:2"),
			Map.of(ChannelType.EMAIL, "li@example.com", ChannelType.SMS, "+8613800000000"), "A-1");

	final CustomerPreferences none = CustomerPreferences.defaults(SHANGHAI);

	final CustomerPreferences quietAtNight = new CustomerPreferences(List.of(), Set.of(), LocalTime.of(22, 0),
			LocalTime.of(8, 0), SHANGHAI);

	NotificationPolicy policy(int maxPerHour) {
		return new NotificationPolicy(false, EnumSet.allOf(ChannelType.class), List.of(ChannelType.EMAIL, ChannelType.SMS),
				Set.of("STOCKING_FAILED", "DELIVERY_FAILED", "STOPS_AWAY:1"), maxPerHour);
	}

	@Test
	void webhooksGetEverythingTheCustomerOneChannelWithTheNextOnStandby() {
		assertThat(policy(0).decide(OrderChange.STOCKING_FAILED, null, "e1", everyone, none, 0, MORNING))
			.containsExactly(
					new Intent(NotificationKind.STOCKING_FAILED, "e1", ChannelType.WEBHOOK, "merchant:1", 0,
							Disposition.SEND, null, null),
					new Intent(NotificationKind.STOCKING_FAILED, "e1", ChannelType.WEBHOOK, "subscription:2", 0,
							Disposition.SEND, null, null),
					new Intent(NotificationKind.STOCKING_FAILED, "e1", ChannelType.KAFKA, "order-event", 0,
							Disposition.SEND, null, null),
					new Intent(NotificationKind.STOCKING_FAILED, "e1", ChannelType.EMAIL, "li@example.com", 0,
							Disposition.SEND, null, null),
					new Intent(NotificationKind.STOCKING_FAILED, "e1", ChannelType.SMS, "+8613800000000", 1,
							Disposition.STANDBY, "fallback if an earlier channel fails", null),
					new Intent(NotificationKind.STOCKING_FAILED, "e1", ChannelType.LIVE, "A-1", 0, Disposition.SEND,
							null, null),
					new Intent(NotificationKind.STOCKING_FAILED, "e1", ChannelType.KAFKA, "customer-message", 0,
							Disposition.SEND, null, null),
					new Intent(NotificationKind.STOCKING_FAILED, "e1", ChannelType.LOG, "A-1", 0, Disposition.SEND, null,
							null));
	}

	@Test
	void theLiveStreamGetsACopyOfWhatTheCustomerIsSentWhenItIsSentAndNothingElse() {
		// with the customer's message, at the same time: the end of their quiet hours
		Instant eightInShanghai = Instant.parse("2026-11-25T00:00:00Z");
		assertThat(live(policy(0).decide(OrderChange.STOCKED, null, "e", everyone, quietAtNight, 0, NIGHT)))
			.containsExactly(new Intent(NotificationKind.STOCKED, "e", ChannelType.LIVE, "A-1", 0, Disposition.SEND,
					"quiet hours", eightInShanghai));
		// an urgent one at once
		assertThat(live(policy(0).decide(OrderChange.STOCKING_FAILED, null, "e", everyone, quietAtNight, 0, NIGHT)))
			.singleElement()
			.satisfies(i -> assertThat(i.notBefore()).isNull());
		// however many messages the customer got this hour, the copy neither counts nor is limited by itself...
		var ninth = policy(10).decide(OrderChange.ETA_CHANGED, null, "e", everyone, none, 9, MORNING);
		assertThat(customer(ninth)).containsExactly("EMAIL:SEND:0", "SMS:STANDBY:1");
		assertThat(live(ninth)).extracting(Intent::disposition).containsExactly(Disposition.SEND);
		// ...but a message the customer is not sent has no copy: rate limited, opted out, or no address
		assertThat(live(policy(3).decide(OrderChange.ETA_CHANGED, null, "e", everyone, none, 3, MORNING))).isEmpty();
		var nothing = new CustomerPreferences(List.of(), Set.of("STOCKED:*"), null, null, SHANGHAI);
		assertThat(live(policy(0).decide(OrderChange.STOCKED, null, "e", everyone, nothing, 0, MORNING))).isEmpty();
		var unreachable = new Recipients(List.of("merchant:1"), Map.of(), "A-1");
		var toTheMerchantOnly = policy(0).decide(OrderChange.STOCKED, null, "e", unreachable, none, 0, MORNING);
		assertThat(live(toTheMerchantOnly)).isEmpty();
		assertThat(toTheMerchantOnly).extracting(Intent::channel)
			.containsExactly(ChannelType.WEBHOOK, ChannelType.KAFKA, ChannelType.LOG);
		// not a customer channel: in the customer's own order of channels it is passed over (the API refuses it)
		var liveFirst = new CustomerPreferences(List.of(ChannelType.LIVE, ChannelType.SMS), Set.of(), null, null,
				SHANGHAI);
		var smsChosen = policy(0).decide(OrderChange.STOCKED, null, "e", everyone, liveFirst, 0, MORNING);
		assertThat(customer(smsChosen)).containsExactly("SMS:SEND:0");
		assertThat(live(smsChosen)).extracting(Intent::disposition, Intent::rank)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(Disposition.SEND, 0));
		// and without it enabled there is no copy
		var withoutLive = new NotificationPolicy(false, EnumSet.of(ChannelType.EMAIL, ChannelType.LOG),
				List.of(ChannelType.EMAIL), Set.of(), 0);
		assertThat(live(withoutLive.decide(OrderChange.STOCKED, null, "e", everyone, none, 0, MORNING))).isEmpty();
	}

	@Test
	void kafkaGetsEachOrderEventOnceAndACopyOfWhatTheCustomerIsSentWithIt() {
		// one event however many endpoints the merchant has, and also when it has none
		assertThat(kafka(policy(0).decide(OrderChange.STOCKED, null, "e", everyone, none, 0, MORNING)))
			.containsExactly("order-event:SEND:null", "customer-message:SEND:null");
		var unreachable = new Recipients(List.of(), Map.of(), "A-1");
		assertThat(kafka(policy(0).decide(OrderChange.STOCKED, null, "e", unreachable, none, 0, MORNING)))
			.containsExactly("order-event:SEND:null");
		// the event at once, the copy with the customer's message at the end of their quiet hours
		Instant eightInShanghai = Instant.parse("2026-11-25T00:00:00Z");
		assertThat(kafka(policy(0).decide(OrderChange.STOCKED, null, "e", everyone, quietAtNight, 0, NIGHT)))
			.containsExactly("order-event:SEND:null", "customer-message:SEND:" + eightInShanghai);
		// a message the customer is not sent has no copy; the event is published all the same
		assertThat(kafka(policy(3).decide(OrderChange.ETA_CHANGED, null, "e", everyone, none, 3, MORNING)))
			.containsExactly("order-event:SEND:null");
		// not a customer channel: no preference can choose it
		var kafkaFirst = new CustomerPreferences(List.of(ChannelType.KAFKA), Set.of(), null, null, SHANGHAI);
		assertThat(customer(policy(0).decide(OrderChange.STOCKED, null, "e", everyone, kafkaFirst, 0, MORNING)))
			.isEmpty();
		assertThatThrownBy(() -> CustomerPreferences.optOut("STOCKED:KAFKA"))
			.isInstanceOf(IllegalArgumentException.class);
		var withoutKafka = new NotificationPolicy(false, EnumSet.of(ChannelType.EMAIL, ChannelType.WEBHOOK),
				List.of(ChannelType.EMAIL), Set.of(), 0);
		assertThat(kafka(withoutKafka.decide(OrderChange.STOCKED, null, "e", everyone, none, 0, MORNING))).isEmpty();
	}

	@Test
	void theCustomersOwnOrderWinsAndChannelsWithoutAnAddressOrDisabledAreLeftOut() {
		var smsFirst = new CustomerPreferences(List.of(ChannelType.SMS, ChannelType.EMAIL), Set.of(), null, null,
				SHANGHAI);
		assertThat(customer(policy(0).decide(OrderChange.STOCKED, null, "e", everyone, smsFirst, 0, MORNING)))
			.containsExactly("SMS:SEND:0", "EMAIL:STANDBY:1");
		var emailOnly = new Recipients(List.of(), Map.of(ChannelType.EMAIL, "li@example.com"), "A-1");
		assertThat(customer(policy(0).decide(OrderChange.STOCKED, null, "e", emailOnly, smsFirst, 0, MORNING)))
			.containsExactly("EMAIL:SEND:0");
		var noSms = new NotificationPolicy(false, EnumSet.of(ChannelType.EMAIL), List.of(ChannelType.EMAIL,
				ChannelType.SMS), Set.of(), 0);
		assertThat(customer(noSms.decide(OrderChange.STOCKED, null, "e", everyone, none, 0, MORNING)))
			.containsExactly("EMAIL:SEND:0");
	}

	@Test
	void anOptOutSkipsThatChannelForThatKindAndTheNextChannelCarriesIt() {
		var noEtaByEmail = new CustomerPreferences(List.of(), Set.of("ETA_CHANGED:EMAIL"), null, null, SHANGHAI);
		assertThat(customer(policy(0).decide(OrderChange.ETA_CHANGED, null, "e", everyone, noEtaByEmail, 0, MORNING)))
			.containsExactly("EMAIL:SKIP:0", "SMS:SEND:1");
		assertThat(customer(policy(0).decide(OrderChange.STOCKED, null, "e", everyone, noEtaByEmail, 0, MORNING)))
			.containsExactly("EMAIL:SEND:0", "SMS:STANDBY:1");
		var nothing = new CustomerPreferences(List.of(), Set.of("*:EMAIL", "STOCKED:*"), null, null, SHANGHAI);
		assertThat(customer(policy(0).decide(OrderChange.STOCKED, null, "e", everyone, nothing, 0, MORNING)))
			.containsExactly("EMAIL:SKIP:0", "SMS:SKIP:1");
	}

	@Test
	void quietHoursHoldNonUrgentMessagesUntilTheyEndAndLetUrgentOnesThrough() {
		Instant eightInShanghai = Instant.parse("2026-11-25T00:00:00Z");
		var stocked = policy(0).decide(OrderChange.STOCKED, null, "e", everyone, quietAtNight, 0, NIGHT);
		assertThat(stocked).filteredOn(i -> i.channel().reachesCustomer())
			.allSatisfy(i -> assertThat(i.notBefore()).isEqualTo(eightInShanghai));
		// webhooks go to the merchant's systems, not to a sleeping person
		assertThat(stocked).filteredOn(i -> i.channel() == ChannelType.WEBHOOK).allMatch(i -> i.notBefore() == null);
		assertThat(policy(0).decide(OrderChange.STOCKING_FAILED, null, "e", everyone, quietAtNight, 0, NIGHT))
			.allMatch(i -> i.notBefore() == null);
		assertThat(policy(0).decide(OrderChange.STOPS_AWAY_REACHED, "1", "r:1", everyone, quietAtNight, 0, NIGHT))
			.allMatch(i -> i.notBefore() == null);
		assertThat(policy(0).decide(OrderChange.STOPS_AWAY_REACHED, "3", "r:3", everyone, quietAtNight, 0, NIGHT))
			.filteredOn(i -> i.channel().reachesCustomer())
			.allMatch(i -> eightInShanghai.equals(i.notBefore()));
		assertThat(policy(0).decide(OrderChange.STOCKED, null, "e", everyone, quietAtNight, 0, MORNING))
			.allMatch(i -> i.notBefore() == null);
	}

	@Test
	void quietHoursWithinOneDayAndAcrossMidnight() {
		var afternoon = new CustomerPreferences(List.of(), Set.of(), LocalTime.of(13, 0), LocalTime.of(14, 0),
				SHANGHAI);
		assertThat(NotificationPolicy.quietUntil(afternoon, Instant.parse("2026-11-24T05:30:00Z")))
			.isEqualTo(Instant.parse("2026-11-24T06:00:00Z"));
		assertThat(NotificationPolicy.quietUntil(afternoon, Instant.parse("2026-11-24T06:00:00Z"))).isNull();
		// 07:59 in Shanghai is still quiet until 08:00 the same morning
		assertThat(NotificationPolicy.quietUntil(quietAtNight, Instant.parse("2026-11-23T23:59:00Z")))
			.isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
		assertThat(NotificationPolicy.quietUntil(none, NIGHT)).isNull();
	}

	@Test
	void beyondTheHourlyLimitNonUrgentMessagesAreSkippedWithTheReasonUrgentOnesGoThrough() {
		assertThat(customer(policy(3).decide(OrderChange.ETA_CHANGED, null, "e", everyone, none, 2, MORNING)))
			.containsExactly("EMAIL:SEND:0", "SMS:STANDBY:1");
		var limited = policy(3).decide(OrderChange.ETA_CHANGED, null, "e", everyone, none, 3, MORNING);
		assertThat(customer(limited)).containsExactly("EMAIL:SKIP:0", "SMS:SKIP:1");
		assertThat(limited).filteredOn(i -> i.channel().reachesCustomer())
			.allMatch(i -> i.reason().startsWith("rate limit"));
		assertThat(limited).filteredOn(i -> i.channel() == ChannelType.WEBHOOK).hasSize(2)
			.allMatch(i -> i.disposition() == Disposition.SEND);
		assertThat(customer(policy(3).decide(OrderChange.DELIVERY_FAILED, null, "e", everyone, none, 30, MORNING)))
			.containsExactly("EMAIL:SEND:0", "SMS:STANDBY:1");
	}

	@Test
	void assignedIsOptionalAndInternalStepsAreNotTold() {
		var logOnly = new NotificationPolicy(false, EnumSet.of(ChannelType.LOG), List.of(), Set.of(), 0);
		assertThat(logOnly.decide(OrderChange.ASSIGNED, null, "e", everyone, none, 0, MORNING)).isEmpty();
		var withAssigned = new NotificationPolicy(true, EnumSet.of(ChannelType.LOG), List.of(), Set.of(), 0);
		assertThat(withAssigned.decide(OrderChange.ASSIGNED, null, "e", everyone, none, 0, MORNING))
			.extracting(Intent::kind)
			.containsExactly(NotificationKind.ASSIGNED);
		assertThat(policy(0).decide(OrderChange.PLACED, null, "e", everyone, none, 0, MORNING)).isEmpty();
		assertThat(policy(0).decide(OrderChange.UNASSIGNED, null, "e", everyone, none, 0, MORNING)).isEmpty();
	}

	@Test
	void optOutsAreValidatedAndCanonical() {
		assertThat(CustomerPreferences.optOut(" eta_changed:sms ")).isEqualTo("ETA_CHANGED:SMS");
		assertThat(CustomerPreferences.optOut("*:email")).isEqualTo("*:EMAIL");
		assertThatThrownBy(() -> CustomerPreferences.optOut("ETA_CHANGED")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> CustomerPreferences.optOut("NOPE:SMS")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> CustomerPreferences.optOut("STOCKED:WEBHOOK"))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void retriesBackOffExponentiallyWithJitterUpToTheLimit() {
		var retry = new RetryPolicy(5, Duration.ofSeconds(2), Duration.ofSeconds(10));
		assertThat(retry.nextDelay(1, () -> 0.0)).contains(Duration.ofSeconds(1));
		assertThat(retry.nextDelay(1, () -> 0.999)).hasValueSatisfying(d -> assertThat(d).isBetween(
				Duration.ofMillis(1990), Duration.ofSeconds(2)));
		assertThat(retry.nextDelay(2, () -> 0.0)).contains(Duration.ofSeconds(2));
		assertThat(retry.nextDelay(3, () -> 0.0)).contains(Duration.ofSeconds(4));
		// capped at the maximum
		assertThat(retry.nextDelay(4, () -> 0.999)).hasValueSatisfying(d -> assertThat(d).isLessThanOrEqualTo(
				Duration.ofSeconds(10)));
		assertThat(retry.nextDelay(5, () -> 0.5)).isEmpty();
	}

	@Test
	void jitterSpreadsRetries() {
		var retry = new RetryPolicy(8, Duration.ofSeconds(2), Duration.ofMinutes(10));
		var delays = List.of(0.1, 0.4, 0.7).stream().map(r -> retry.nextDelay(3, () -> r).orElseThrow()).distinct();
		assertThat(delays).hasSize(3);
	}

	private static List<Intent> live(List<Intent> intents) {
		return intents.stream().filter(i -> i.channel() == ChannelType.LIVE).toList();
	}

	private static List<String> kafka(List<Intent> intents) {
		return intents.stream()
			.filter(i -> i.channel() == ChannelType.KAFKA)
			.map(i -> i.recipient() + ":" + i.disposition() + ":" + i.notBefore())
			.toList();
	}

	private static List<String> customer(List<Intent> intents) {
		return intents.stream()
			.filter(i -> i.channel().reachesCustomer())
			.map(i -> i.channel() + ":" + i.disposition() + ":" + i.rank())
			.toList();
	}

}
