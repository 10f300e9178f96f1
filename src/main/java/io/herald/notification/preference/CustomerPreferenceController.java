package io.herald.notification.preference;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.herald.access.Allowed;
import io.herald.access.Caller;
import io.herald.access.Role;
import io.herald.notification.policy.ChannelType;
import io.herald.notification.policy.CustomerPreferences;
import io.herald.platform.InvalidRequestException.FieldProblem;
import io.herald.platform.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A merchant's customers' notification preferences: channels in order of preference, opt-outs per kind and channel,
 * quiet hours in their time zone. The customer is named by the email address (or, without one, the phone number)
 * on their orders.
 */
@Tag(name = "Customer preferences", description = "Which channels, which messages and when, per customer")
@RestController
@Allowed({ Role.MERCHANT, Role.ADMIN })
class CustomerPreferenceController {

	private final CustomerPreferenceRepository preferences;

	CustomerPreferenceController(CustomerPreferenceRepository preferences) {
		this.preferences = preferences;
	}

	/**
	 * @param channels in order of preference, e.g. ["SMS", "EMAIL"]; empty for the configured default
	 * @param optOuts e.g. ["ETA_CHANGED:SMS", "*:EMAIL"]
	 * @param quietHours e.g. {"start": "21:00", "end": "08:00"}, or null for none
	 * @param timeZone IANA zone of the quiet hours; null: the time zone of each order
	 */
	record PreferencesView(String customer, List<ChannelType> channels, Set<String> optOuts, QuietHours quietHours,
			String timeZone) {
	}

	record QuietHours(String start, String end) {
	}

	@Operation(summary = "A customer's notification preferences (defaults when none are stored)")
	@GetMapping("/api/v1/customer-preferences")
	PreferencesView get(@AuthenticationPrincipal Caller caller, @RequestParam String customer,
			@RequestParam(required = false) UUID merchantId) {
		var key = key(caller, customer, merchantId);
		var stored = preferences.find(key).orElse(CustomerPreferenceRepository.Stored.NONE);
		return view(key, stored);
	}

	@Operation(summary = "Replace a customer's notification preferences")
	@PutMapping("/api/v1/customer-preferences")
	PreferencesView put(@AuthenticationPrincipal Caller caller, @RequestParam String customer,
			@RequestParam(required = false) UUID merchantId, @RequestBody PreferencesView body) {
		var key = key(caller, customer, merchantId);
		List<FieldProblem> problems = new ArrayList<>();
		List<ChannelType> channels = body.channels() == null ? List.of() : body.channels();
		for (int i = 0; i < channels.size(); i++) {
			if (channels.get(i) == null || !channels.get(i).reachesCustomer()) {
				problems.add(new FieldProblem("channels[" + i + "]", "must be EMAIL or SMS"));
			}
		}
		if (new LinkedHashSet<>(channels).size() != channels.size()) {
			problems.add(new FieldProblem("channels", "must not repeat a channel"));
		}
		Set<String> optOuts = new LinkedHashSet<>();
		List<String> given = body.optOuts() == null ? List.of() : List.copyOf(body.optOuts());
		for (int i = 0; i < given.size(); i++) {
			try {
				optOuts.add(CustomerPreferences.optOut(given.get(i) == null ? "" : given.get(i)));
			}
			catch (IllegalArgumentException e) {
				problems.add(new FieldProblem("optOuts[" + i + "]",
						"must be KIND:CHANNEL, KIND:* or *:CHANNEL with a notification kind and EMAIL or SMS"));
			}
		}
		LocalTime start = null;
		LocalTime end = null;
		if (body.quietHours() != null) {
			start = time(body.quietHours().start(), "quietHours.start", problems);
			end = time(body.quietHours().end(), "quietHours.end", problems);
			if (start != null && start.equals(end)) {
				problems.add(new FieldProblem("quietHours", "start and end must differ"));
			}
		}
		if (body.timeZone() != null) {
			try {
				ZoneId.of(body.timeZone());
			}
			catch (DateTimeException e) {
				problems.add(new FieldProblem("timeZone", "must be an IANA time zone such as Asia/Shanghai"));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidRequestException("Invalid preferences", problems);
		}
		var stored = new CustomerPreferenceRepository.Stored(List.copyOf(channels), optOuts, start, end,
				body.timeZone());
		preferences.save(key, stored);
		return view(key, stored);
	}

	private static LocalTime time(String value, String field, List<FieldProblem> problems) {
		if (value == null) {
			problems.add(new FieldProblem(field, "is required with quiet hours"));
			return null;
		}
		try {
			return LocalTime.parse(value);
		}
		catch (DateTimeParseException e) {
			problems.add(new FieldProblem(field, "must be a local time such as 21:00"));
			return null;
		}
	}

	private static CustomerPreferenceRepository.Key key(Caller caller, String customer, UUID merchantId) {
		UUID merchant = caller.merchantScope().orElse(merchantId);
		if (merchant == null) {
			throw new InvalidRequestException("merchantId", "an operator names the merchant (merchantId)");
		}
		if (customer == null || customer.isBlank()) {
			throw new InvalidRequestException("customer", "the customer's email address or phone number is required");
		}
		return new CustomerPreferenceRepository.Key(merchant, CustomerPreferenceRepository.customerKey(customer));
	}

	private static PreferencesView view(CustomerPreferenceRepository.Key key,
			CustomerPreferenceRepository.Stored stored) {
		QuietHours quiet = stored.quietStart() == null ? null
				: new QuietHours(stored.quietStart().toString(), stored.quietEnd().toString());
		return new PreferencesView(key.customer(), stored.channels(), stored.optOuts(), quiet, stored.timeZone());
	}

}
