package io.herald.order.stocking;

import java.util.List;
import java.util.UUID;

import io.herald.access.Allowed;
import io.herald.access.Caller;
import io.herald.access.Role;
import io.herald.order.OrderView;
import io.herald.order.Orders;
import io.herald.platform.ApiSettings;
import io.herald.platform.ConflictException;
import io.herald.platform.InvalidRequestException;
import io.herald.platform.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Stocking", description = "A station reports whether it could prepare each order's goods")
@RestController
class StockingController {

	private final Orders orders;

	private final ApiSettings settings;

	StockingController(Orders orders, ApiSettings settings) {
		this.orders = orders;
		this.settings = settings;
	}

	@Operation(summary = "Report stocking of one order (station)",
			description = "Reporting the same outcome again changes nothing (200, applied=false). A contradicting report is refused with 409: use /stocking/correction.")
	@PostMapping("/api/v1/orders/{orderId}/stocking")
	@Allowed(Role.STATION)
	ReportResponse report(@AuthenticationPrincipal Caller caller, @PathVariable UUID orderId,
			@Valid @RequestBody StockingRequest request) {
		return single(caller, orderId, request, false);
	}

	@Operation(summary = "Correct an earlier stocking report of one order (station or operator)")
	@PostMapping("/api/v1/orders/{orderId}/stocking/correction")
	@Allowed({ Role.STATION, Role.ADMIN })
	ReportResponse correct(@AuthenticationPrincipal Caller caller, @PathVariable UUID orderId,
			@Valid @RequestBody StockingRequest request) {
		return single(caller, orderId, request, true);
	}

	@Operation(summary = "Report stocking of up to 1,000 orders (station)",
			description = "Applied in one transaction; each report gets its own result (APPLIED, UNCHANGED, NOT_FOUND, CONFLICT, INVALID). A refused report changes nothing. If any report fails validation, none is applied.")
	@PostMapping("/api/v1/stocking-reports")
	@Allowed(Role.STATION)
	BatchResponse batch(@AuthenticationPrincipal Caller caller, @Valid @RequestBody BatchRequest request) {
		if (request.reports().size() > settings.maxBatchSize()) {
			throw new InvalidRequestException("reports", "at most " + settings.maxBatchSize() + " reports per batch");
		}
		List<StockingReport> reports = request.reports()
			.stream()
			.map(r -> new StockingReport(r.orderId(), r.toOutcome("reports[].")))
			.toList();
		List<StockingResult> results = orders.reportStocking(caller.stationId(), reports, false);
		return new BatchResponse(count(results, StockingResult.Status.APPLIED),
				count(results, StockingResult.Status.UNCHANGED), results.size()
						- count(results, StockingResult.Status.APPLIED) - count(results, StockingResult.Status.UNCHANGED),
				results);
	}

	private ReportResponse single(Caller caller, UUID orderId, StockingRequest request, boolean correction) {
		StockingOutcome outcome = request.toOutcome("");
		// one tap in the station app: applied together with the reports arriving at the same time (group commit)
		Orders.Reported reported = orders.reportOne(caller.stationId(), new StockingReport(orderId, outcome),
				correction);
		StockingResult result = reported.result();
		switch (result.status()) {
			case NOT_FOUND -> throw new NotFoundException("Order", orderId);
			case CONFLICT -> throw new ConflictException(
					result.detail().contains("already reported") ? "stocking-already-reported" : "invalid-transition",
					result.detail());
			case INVALID -> throw new InvalidRequestException("failedLines", result.detail());
			default -> {
			}
		}
		// the order as the report's transaction committed it: no second read
		return new ReportResponse(result.status() == StockingResult.Status.APPLIED, OrderView.of(reported.order()));
	}

	private static int count(List<StockingResult> results, StockingResult.Status status) {
		return (int) results.stream().filter(r -> r.status() == status).count();
	}

	record BatchEntry(@NotNull UUID orderId, @NotNull StockingStatus status, StockingFailureReason reason,
			@Size(max = 1000) String note, @Size(max = 500) List<@NotNull @Positive Integer> failedLines) {

		StockingOutcome toOutcome(String path) {
			return new StockingRequest(status, reason, note, failedLines).toOutcome(path);
		}

	}

	/** The batch length is checked against {@code herald.api.max-batch-size}. */
	record BatchRequest(@NotEmpty List<@NotNull @Valid BatchEntry> reports) {
	}

	record ReportResponse(boolean applied, OrderView order) {
	}

	record BatchResponse(int applied, int unchanged, int refused, List<StockingResult> results) {
	}

}
