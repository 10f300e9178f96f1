package io.herald.order;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.herald.platform.validation.E164;
import io.herald.platform.validation.LanguageTag;
import io.herald.platform.validation.MailAddress;
import io.herald.platform.validation.TimeZoneId;

/**
 * The JSON shapes of order intake, validated at the edge so that bad input never reaches the domain: the API's bodies,
 * and the data of a Kafka {@code io.herald.order.placed} record.
 */
public final class OrderRequests {

	private OrderRequests() {
	}

	public record PlaceOrderRequest(
			@NotBlank @Size(max = 100) @Pattern(regexp = "[\\p{Alnum}._:/#-]+", message = "may contain letters, digits and . _ : / # - only") String orderNumber,
			@NotNull @Valid DestinationRequest destination,
			@NotEmpty @Size(max = 500) List<@NotNull @Valid ItemRequest> items,
			@NotNull @Valid CustomerRequest customer, Instant placedAt) {

		public PlaceOrder toCommand() {
			return new PlaceOrder(orderNumber,
					new Destination(destination.address(), destination.lat(), destination.lon(),
							blankToNull(destination.regionCode())),
					items.stream().map(i -> new PlaceOrder.Item(i.sku(), i.name(), i.quantity())).toList(),
					new Customer(customer.name(), blankToNull(customer.phone()), blankToNull(customer.email()),
							customer.locale() == null ? "en" : customer.locale(),
							customer.timeZone() == null ? "UTC" : customer.timeZone()),
					placedAt);
		}

	}

	public record DestinationRequest(@NotBlank @Size(max = 500) String address,
			@NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
			@NotNull @DecimalMin("-180") @DecimalMax("180") Double lon,
			@Size(max = 32) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9-]*", message = "letters, digits and dashes only") String regionCode) {
	}

	public record ItemRequest(@NotBlank @Size(max = 100) String sku, @NotBlank @Size(max = 300) String name,
			@NotNull @Min(1) @Max(100_000) Integer quantity) {
	}

	public record CustomerRequest(@NotBlank @Size(max = 200) String name, @E164 String phone,
			@MailAddress @Size(max = 320) String email, @LanguageTag String locale, @TimeZoneId String timeZone) {
	}

	/** The batch length is checked against {@code herald.api.max-batch-size} by the controller. */
	record PlaceOrdersRequest(@NotEmpty List<@NotNull @Valid PlaceOrderRequest> orders) {
	}

	record ReassignRequest(java.util.UUID stationId) {
	}

	record CancelRequest(@Size(max = 500) String reason) {
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

}
