package io.herald.order;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.herald.access.Allowed;
import io.herald.access.Caller;
import io.herald.access.Role;
import io.herald.order.stocking.StockingStatus;
import io.herald.platform.ApiSettings;
import io.herald.platform.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
@Tag(name = "Orders", description = "Intake, lookup, re-assignment and cancellation of orders")
@RestController
@RequestMapping("/api/v1/orders")
public class OrderController {

	private final Orders orders;

	private final ApiSettings settings;

	OrderController(Orders orders, ApiSettings settings) {
		this.orders = orders;
		this.settings = settings;
	}

	@Operation(summary = "Place one order (merchant)",
			description = "201 for a new order; 200 when the same order number arrives again with the same content; 409 when it arrives with different content.")
	@PostMapping
	@Allowed(Role.MERCHANT)
	ResponseEntity<OrderView> place(@AuthenticationPrincipal Caller caller,
			@Valid @RequestBody OrderRequests.PlaceOrderRequest request) {
		IntakeResult result = orders.place(caller.merchantId(), request.toCommand());
		OrderView view = OrderView.of(result.order());
		return result.status() == IntakeResult.Status.CREATED
				? ResponseEntity.created(URI.create("/api/v1/orders/" + view.id())).body(view)
				: ResponseEntity.ok(view);
	}

	@Operation(summary = "Place up to 1,000 orders in one request (merchant)",
			description = "Each order gets its own result (CREATED, REPLAYED or CONFLICT). If any order fails validation, none is stored.")
	@PostMapping("/batch")
	@Allowed(Role.MERCHANT)
	BatchIntakeResponse placeBatch(@AuthenticationPrincipal Caller caller,
			@Valid @RequestBody OrderRequests.PlaceOrdersRequest request) {
		if (request.orders().size() > settings.maxBatchSize()) {
			throw new InvalidRequestException("orders", "at most " + settings.maxBatchSize() + " orders per batch");
		}
		return BatchIntakeResponse.of(orders.placeAll(caller.merchantId(),
				request.orders().stream().map(OrderRequests.PlaceOrderRequest::toCommand).toList()));
	}

	@Operation(summary = "List orders visible to the caller, newest first")
	@GetMapping
	@Allowed({ Role.ADMIN, Role.MERCHANT, Role.STATION })
	PageView list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) OrderState state,
			@RequestParam(required = false) StockingStatus stockingStatus,
			@RequestParam(required = false) UUID stationId, @RequestParam(required = false) UUID merchantId,
			@RequestParam(required = false) Instant placedFrom, @RequestParam(required = false) Instant placedTo,
			@RequestParam(required = false) String orderNumber, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		if (page < 0) {
			throw new InvalidRequestException("page", "must be 0 or more");
		}
		if (size < 1 || size > settings.maxPageSize()) {
			throw new InvalidRequestException("size", "must be between 1 and " + settings.maxPageSize());
		}
		OrderPage result = orders.search(new OrderFilter(merchantId, stationId, state, stockingStatus, placedFrom,
				placedTo, orderNumber), page, size, caller);
		return new PageView(result.items().stream().map(OrderView::of).toList(), result.page(), result.size(),
				result.total());
	}

	@Operation(summary = "Show one order")
	@GetMapping("/{id}")
	@Allowed({ Role.ADMIN, Role.MERCHANT, Role.STATION })
	OrderView get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
		return OrderView.of(orders.get(id, caller));
	}

	@Operation(summary = "Find an order by the merchant's order number (merchant)")
	@GetMapping("/by-number/{orderNumber}")
	@Allowed(Role.MERCHANT)
	OrderView byNumber(@AuthenticationPrincipal Caller caller, @PathVariable String orderNumber) {
		return OrderView.of(orders.getByNumber(caller.merchantId(), orderNumber));
	}

	@Operation(summary = "The order's story: every accepted change, in order")
	@GetMapping("/{id}/events")
	@Allowed({ Role.ADMIN, Role.MERCHANT, Role.STATION })
	List<StoredOrderEvent> events(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
		return orders.story(id, caller);
	}

	@Operation(summary = "Re-assign an order (operator or merchant)",
			description = "To the given station, or, without stationId, by running the assignment strategies again.")
	@PostMapping("/{id}/assignment")
	@Allowed({ Role.ADMIN, Role.MERCHANT })
	OrderView reassign(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
			@RequestBody(required = false) OrderRequests.ReassignRequest request) {
		return OrderView.of(orders.reassign(id, request == null ? null : request.stationId(), caller));
	}

	@Operation(summary = "Run assignment again for all UNASSIGNED orders (operator)")
	@PostMapping("/unassigned/assignment")
	@Allowed(Role.ADMIN)
	AssignedCount assignUnassigned(@AuthenticationPrincipal Caller caller) {
		return new AssignedCount(orders.assignUnassigned());
	}

	@Operation(summary = "Cancel an order (merchant or operator)")
	@PostMapping("/{id}/cancellation")
	@Allowed({ Role.ADMIN, Role.MERCHANT })
	OrderView cancel(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
			@Valid @RequestBody(required = false) OrderRequests.CancelRequest request) {
		return OrderView.of(orders.cancel(id, request == null ? null : request.reason(), caller));
	}

	public record PageView(List<OrderView> items, int page, int size, long total) {
	}

	record AssignedCount(int assigned) {
	}

	record BatchIntakeResponse(int created, int replayed, int conflicts, List<Entry> results) {

		record Entry(String orderNumber, IntakeResult.Status status, UUID id, OrderState state, String problem) {
		}

		static BatchIntakeResponse of(List<IntakeResult> results) {
			var entries = results.stream()
				.map(r -> new Entry(r.orderNumber(), r.status(), r.order() == null ? null : r.order().id(),
						r.order() == null ? null : r.order().state(), r.problem()))
				.toList();
			return new BatchIntakeResponse(count(results, IntakeResult.Status.CREATED),
					count(results, IntakeResult.Status.REPLAYED), count(results, IntakeResult.Status.CONFLICT), entries);
		}

		private static int count(List<IntakeResult> results, IntakeResult.Status status) {
			return (int) results.stream().filter(r -> r.status() == status).count();
		}

	}

}
