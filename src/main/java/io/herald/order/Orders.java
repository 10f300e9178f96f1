package io.herald.order;

// Over 300 lines, one idea: the order module's facade, one method per transaction that reads or changes orders.

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.herald.access.Caller;
import io.herald.order.stocking.StockingReport;
import io.herald.order.stocking.StockingResult;
import io.herald.platform.AuditTrail;
import io.herald.platform.ConflictException;
import io.herald.platform.GroupCommit;
import io.herald.platform.IntakeGate;
import io.herald.platform.InvalidRequestException;
import io.herald.platform.NotFoundException;
import io.herald.station.StationAssignment;
import jakarta.annotation.PreDestroy;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;
/**
 * The order module's public API: intake, lookups, assignment, stocking and cancellation. Each call is one
 * transaction in which the order change, its story and its event publications commit together.
 */
@Service
public class Orders {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int UNASSIGNED_PAGE = 500;

	private final OrderRepository repository;

	private final StationAssignment assignment;

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	private final TransactionTemplate pages;

	private final TransactionTemplate transaction;

	/** Single stocking reports (one tap in the station app each), applied together when they arrive together. */
	private final GroupCommit<SingleReport, Reported> singleReports;

	/** Back-pressure: refuses new intake while earlier work is far behind. */
	private final IntakeGate gate;

	private final AuditTrail audit;

	Orders(OrderRepository repository, StationAssignment assignment, ApplicationEventPublisher publisher,
			Clock clock, PlatformTransactionManager transactions, IntakeSettings intake,
			Optional<IntakeGate> gate, AuditTrail audit) {
		this.audit = audit;
		this.gate = gate.orElse(() -> {
		});
		this.repository = repository;
		this.assignment = assignment;
		this.publisher = publisher;
		this.clock = clock;
		this.pages = new TransactionTemplate(transactions);
		this.pages.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.transaction = new TransactionTemplate(transactions);
		this.singleReports = intake.groupCommit()
				? new GroupCommit<>("stocking", group -> transaction.execute(status -> applyReports(group)),
						this::reportAlone, intake.maxGroup(), intake.maxWaiting(), intake.committers())
				: null;
	}

	@PreDestroy
	void close() {
		if (singleReports != null) {
			singleReports.close();
		}
	}

	// -- intake ---------------------------------------------------------------------------------------------------

	/**
	 * Accepts one order. The merchant's order number is the idempotency key: the same content again returns the
	 * stored order; different content is refused with 409.
	 */
	public IntakeResult place(UUID merchantId, PlaceOrder command) {
		gate.check();
		IntakeResult result = transaction.execute(status -> placeOne(merchantId, command));
		if (result.status() == IntakeResult.Status.CONFLICT) {
			throw new ConflictException("duplicate-order-number", result.problem());
		}
		return result;
	}

	/** Accepts many orders in one transaction; each gets its own result, conflicts do not stop the others. */
	public List<IntakeResult> placeAll(UUID merchantId, List<PlaceOrder> commands) {
		gate.check();
		return transaction.execute(status -> commands.stream().map(command -> placeOne(merchantId, command)).toList());
	}

	private IntakeResult placeOne(UUID merchantId, PlaceOrder command) {
		String fingerprint = fingerprint(command);
		Instant now = clock.instant();
		List<OrderLine> lines = IntStream.range(0, command.items().size())
			.mapToObj(i -> new OrderLine(i + 1, command.items().get(i).sku(), command.items().get(i).name(),
					command.items().get(i).quantity()))
			.toList();
		Order order = Order.place(merchantId, command.orderNumber(), fingerprint, command.destination(), lines,
				command.customer(), command.placedAt() == null ? now : command.placedAt(), now);
		assign(order, now);
		if (repository.insertIfAbsent(order)) {
			publish(order);
			return new IntakeResult(order.orderNumber(), IntakeResult.Status.CREATED, order, null);
		}
		Order existing = repository.findByNumber(merchantId, command.orderNumber()).orElseThrow();
		if (existing.fingerprint().equals(fingerprint)) {
			return new IntakeResult(existing.orderNumber(), IntakeResult.Status.REPLAYED, existing, null);
		}
		return new IntakeResult(command.orderNumber(), IntakeResult.Status.CONFLICT, null, "Order number '"
				+ command.orderNumber() + "' exists already with different content; nothing was changed");
	}

	// -- reads ----------------------------------------------------------------------------------------------------

	/** The order if the caller may see it: operators all, merchants their own, stations those assigned to them. */
	public Order get(UUID id, Caller caller) {
		return repository.find(id).filter(order -> visible(order, caller))
			.orElseThrow(() -> new NotFoundException("Order", id));
	}

	/** For other modules reacting to events: the order regardless of caller. */
	public Optional<Order> find(UUID id) {
		return repository.find(id);
	}

	/** For other modules' pages (the customer's tracking page): the order's story, regardless of caller. */
	public List<StoredOrderEvent> storyOf(UUID id) {
		return repository.story(id);
	}

	/**
	 * For other modules reacting to events: the orders with these ids that exist, regardless of caller. Orders this
	 * transaction has saved are taken as saved, not read back.
	 */
	public List<Order> findAll(Collection<UUID> ids) {
		Map<UUID, Order> savedHere = SavedOrders.inThisTransaction();
		List<Order> found = new ArrayList<>(ids.size());
		List<UUID> unsaved = new ArrayList<>();
		for (UUID id : ids) {
			Order saved = savedHere.get(id);
			if (saved != null) {
				found.add(saved);
			}
			else {
				unsaved.add(id);
			}
		}
		if (!unsaved.isEmpty()) {
			found.addAll(repository.findAll(unsaved));
		}
		return found;
	}

	public Order getByNumber(UUID merchantId, String orderNumber) {
		return repository.findByNumber(merchantId, orderNumber)
			.orElseThrow(() -> new NotFoundException("Order", orderNumber));
	}

	/** Searches within what the caller may see; the caller's scope overrides the filter's. */
	public OrderPage search(OrderFilter filter, int page, int size, Caller caller) {
		return repository.search(scoped(filter, caller), page, size, false);
	}

	/** {@link #search}, oldest first: a work queue, where the orders waiting longest come first. */
	public OrderPage searchOldestFirst(OrderFilter filter, int size, Caller caller) {
		return repository.search(scoped(filter, caller), 0, size, true);
	}

	/** The filter within what the caller may see: the caller's merchant or station overrides the filter's. */
	static OrderFilter scoped(OrderFilter filter, Caller caller) {
		return new OrderFilter(caller.merchantScope().orElse(filter.merchantId()),
				caller.stationScope().orElse(filter.stationId()), filter.state(), filter.stockingStatus(),
				filter.placedFrom(), filter.placedTo(), filter.orderNumberPrefix());
	}

	public List<StoredOrderEvent> story(UUID id, Caller caller) {
		get(id, caller);
		return repository.story(id);
	}

	// -- assignment -----------------------------------------------------------------------------------------------

	/**
	 * Re-assigns an order: to the given station, or by running the strategies again when none is given (an order no
	 * station covers becomes UNASSIGNED).
	 */
	@Transactional
	public Order reassign(UUID id, UUID stationId, Caller caller) {
		Order order = get(id, caller);
		Instant now = clock.instant();
		if (stationId != null) {
			if (!assignment.isActive(stationId)) {
				throw new InvalidRequestException("stationId", "no active station " + stationId);
			}
			order.assignTo(stationId, "explicit", now);
		}
		else {
			assign(order, now);
		}
		save(List.of(order));
		return order;
	}

	/**
	 * Gives every UNASSIGNED order another chance, e.g. after a station was added. Pages through all of them, one
	 * transaction per page, so a large backlog neither starves nor rolls back as a whole. Returns how many were
	 * assigned.
	 */
	public int assignUnassigned() {
		int assigned = 0;
		UUID after = new UUID(0, 0); // the smallest uuid in PostgreSQL's (unsigned) order
		while (true) {
			UUID from = after;
			var page = pages.execute(status -> assignUnassignedPage(from, UNASSIGNED_PAGE));
			assigned += page.assigned();
			if (page.lastId() == null) {
				return assigned;
			}
			after = page.lastId();
		}
	}

	private UnassignedPage assignUnassignedPage(UUID after, int limit) {
		Instant now = clock.instant();
		List<Order> page = repository.findUnassignedForUpdate(after, limit);
		List<Order> assigned = new ArrayList<>();
		for (Order order : page) {
			var chosen = assignment.assign(order.destination().lat(), order.destination().lon(),
					order.destination().regionCode());
			if (chosen.isPresent()) {
				order.assignTo(chosen.get().stationId(), chosen.get().strategy(), now);
				assigned.add(order);
			}
		}
		save(assigned);
		return new UnassignedPage(page.size() < limit ? null : page.get(page.size() - 1).id(), assigned.size());
	}

	private record UnassignedPage(UUID lastId, int assigned) {
	}

	private void assign(Order order, Instant now) {
		var chosen = assignment.assign(order.destination().lat(), order.destination().lon(),
				order.destination().regionCode());
		if (chosen.isPresent()) {
			order.assignTo(chosen.get().stationId(), chosen.get().strategy(), now);
		}
		else {
			order.markUnassigned(now);
		}
	}

	// -- stocking -------------------------------------------------------------------------------------------------

	/**
	 * Applies stocking reports of one station in one transaction. Orders of other stations are NOT_FOUND; each
	 * report gets its own result and a refused one changes nothing.
	 * @param correction true only through the explicit correction API
	 */
	public List<StockingResult> reportStocking(UUID stationId, List<StockingReport> reports, boolean correction) {
		gate.check();
		List<SingleReport> all = reports.stream().map(r -> new SingleReport(stationId, r, correction)).toList();
		return transaction.execute(status -> applyReports(all)).stream().map(Reported::result).toList();
	}

	/**
	 * One stocking report, as the station app and the single-report API send them: applied together with the
	 * single reports that arrive at the same time, in one transaction (group commit), and returned once that has
	 * committed. Same rules as {@link #reportStocking}.
	 * @param stationId the reporting station; null for an operator (corrections only)
	 * @throws io.herald.platform.OverloadedException when too many reports are waiting already, or sending lags far
	 * behind; nothing changed
	 */
	public Reported reportOne(UUID stationId, StockingReport report, boolean correction) {
		gate.check();
		SingleReport single = new SingleReport(stationId, report, correction);
		// a correction is audited in its transaction with who made it, so it runs on the request's thread, not in a group
		return singleReports == null || correction ? reportAlone(single) : singleReports.submit(single);
	}

	/**
	 * A report's result, and the order as that report's transaction committed it (null when not found), so that the
	 * caller can answer without reading it again.
	 */
	public record Reported(StockingResult result, Order order) {
	}

	/** One report with who sent it. */
	private record SingleReport(UUID stationId, StockingReport report, boolean correction) {
	}

	private Reported reportAlone(SingleReport report) {
		return transaction.execute(status -> applyReports(List.of(report))).get(0);
	}

	/** Applies the reports in order, within the caller's transaction; one result per report. */
	private List<Reported> applyReports(List<SingleReport> reports) {
		Map<UUID, Order> orders = repository
			.findAllForUpdate(reports.stream().map(r -> r.report().orderId()).distinct().toList())
			.stream()
			.collect(Collectors.toMap(Order::id, Function.identity()));
		Instant now = clock.instant();
		Map<UUID, Order> changed = new LinkedHashMap<>();
		List<Reported> results = new ArrayList<>(reports.size());
		for (SingleReport single : reports) {
			StockingReport report = single.report();
			Order order = orders.get(report.orderId());
			if (order == null || (single.stationId() != null && !single.stationId().equals(order.stationId()))) {
				results.add(new Reported(new StockingResult(report.orderId(), StockingResult.Status.NOT_FOUND,
						"Order " + report.orderId() + " not found"), null));
				continue;
			}
			try {
				boolean applied = single.correction() ? order.correctStocking(report.outcome(), now)
						: order.reportStocking(report.outcome(), now);
				if (applied) {
					changed.put(order.id(), order);
					if (single.correction()) {
						audit.record("stocking.corrected", "order", order.id(),
								Map.of("status", report.outcome().status().name(), "stationId", order.stationId()));
					}
				}
				results.add(new Reported(new StockingResult(order.id(),
						applied ? StockingResult.Status.APPLIED : StockingResult.Status.UNCHANGED, null), order));
			}
			catch (ConflictException e) {
				results.add(new Reported(
						new StockingResult(order.id(), StockingResult.Status.CONFLICT, e.getMessage()), order));
			}
			catch (IllegalArgumentException e) {
				results.add(new Reported(
						new StockingResult(order.id(), StockingResult.Status.INVALID, e.getMessage()), order));
			}
		}
		save(changed.values());
		return results;
	}

	// -- delivery (driven by the routing module, inside its transaction) ----------------------------------------------

	/** Orders by id, locked for a change, in id order. Missing ids are simply absent. */
	@Transactional
	public List<Order> lockAll(Collection<UUID> ids) {
		return repository.findAllForUpdate(ids);
	}

	/** A station's STOCKED orders, most recently placed first, for dispatching a route. */
	public List<Order> stockedAt(UUID stationId, int limit) {
		return repository
			.search(new OrderFilter(null, stationId, OrderState.STOCKED, null, null, null, null), 0, limit, false)
			.items();
	}

	/** Applies delivery transitions to locked orders and records their events. */
	@Transactional
	public void applyDelivery(Collection<Order> orders, Consumer<Order> transition) {
		orders.forEach(transition);
		save(orders);
	}

	// -- cancellation ---------------------------------------------------------------------------------------------

	@Transactional
	public Order cancel(UUID id, String reason, Caller caller) {
		Order order = get(id, caller);
		order.cancel(reason, clock.instant());
		save(List.of(order));
		return order;
	}

	// -- the customer's choice after a stocking failure ---------------------------------------------------------

	/**
	 * Records what the customer wants after their goods could not be prepared (from their tracking page, which has
	 * already checked that its token opens this order). Choosing the same again changes nothing.
	 */
	@Transactional
	public Order chooseResolution(UUID id, Resolution choice) {
		Order order = repository.findAllForUpdate(List.of(id)).stream().findFirst()
			.orElseThrow(() -> new NotFoundException("Order", id));
		if (order.chooseResolution(choice, clock.instant())) {
			save(List.of(order));
		}
		return order;
	}

	// -- internals ------------------------------------------------------------------------------------------------

	/**
	 * Writes the changed orders, then the events of all of them with one statement (a batch of reports is one
	 * INSERT, not one per order), then publishes the events in order.
	 */
	private void save(Collection<Order> orders) {
		repository.updateAll(orders);
		List<OrderEvent> events = new ArrayList<>();
		for (Order order : orders) {
			SavedOrders.remember(order);
			events.addAll(order.takeEvents());
		}
		repository.appendEvents(events);
		events.forEach(publisher::publishEvent);
	}

	private void publish(Order order) {
		SavedOrders.remember(order);
		List<OrderEvent> events = order.takeEvents();
		repository.appendEvents(events);
		events.forEach(publisher::publishEvent);
	}

	static boolean visible(Order order, Caller caller) {
		if (caller.isAdmin()) {
			return true;
		}
		if (caller.merchantId() != null) {
			return caller.merchantId().equals(order.merchantId());
		}
		return caller.stationId() != null && caller.stationId().equals(order.stationId());
	}

	private static String fingerprint(PlaceOrder command) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(JSON.writeValueAsString(command).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

}
