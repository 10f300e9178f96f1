package io.herald.demo;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.herald.access.Role;
import io.herald.access.WebAccounts;
import io.herald.merchant.Merchant;
import io.herald.merchant.Merchants;
import io.herald.order.Customer;
import io.herald.order.DeliveryFailureReason;
import io.herald.order.Destination;
import io.herald.order.IntakeResult;
import io.herald.order.OrderState;
import io.herald.order.Orders;
import io.herald.order.PlaceOrder;
import io.herald.order.stocking.StockingFailureReason;
import io.herald.order.stocking.StockingOutcome;
import io.herald.order.stocking.StockingReport;
import io.herald.routing.Courier;
import io.herald.routing.Route;
import io.herald.routing.RouteState;
import io.herald.routing.Routes;
import io.herald.routing.Stop;
import io.herald.routing.StopState;
import io.herald.station.Station;
import io.herald.station.Stations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Seeds a demo merchant and three Andorran stations (once), then places an order every few seconds and lets the
 * simulated station report stocking a little later: mostly STOCKED, sometimes FAILED with a reason and missing items.
 * Customer messages appear in the log channel.
 */
@Component
class DemoSimulation {

	private static final Logger log = LoggerFactory.getLogger(DemoSimulation.class);

	private static final String MERCHANT = "Herald Demo Shop";

	private static final java.security.SecureRandom PASSWORDS = new java.security.SecureRandom();

	private final DemoSettings settings;

	private final Merchants merchants;

	private final Stations stations;

	private final Orders orders;

	private final TaskScheduler scheduler;

	private final Routes routes;

	private final WebAccounts accounts;

	private final Random random;

	private final Clock clock;

	private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();

	private volatile UUID merchantId;

	private int sequence;

	DemoSimulation(DemoSettings settings, Merchants merchants, Stations stations, Orders orders,
			TaskScheduler scheduler, Routes routes, WebAccounts accounts, Clock clock) {
		this.routes = routes;
		this.clock = clock;
		this.accounts = accounts;
		this.settings = settings;
		this.merchants = merchants;
		this.stations = stations;
		this.orders = orders;
		this.scheduler = scheduler;
		this.random = new Random(settings.seed());
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (!settings.enabled()) {
			return;
		}
		merchantId = merchants.all().stream().filter(m -> m.name().equals(MERCHANT)).map(Merchant::id).findFirst()
			.orElseGet(() -> merchants.create(MERCHANT, null).id());
		List<String> existing = stations.all().stream().map(Station::name).toList();
		for (DemoData.DemoStation s : DemoData.STATIONS) {
			if (!existing.contains(s.name())) {
				stations.create(new Stations.StationDraft(s.name(), s.lat(), s.lon(), s.area(), s.regionCodes(), true,
						"Europe/Andorra"));
			}
		}
		signIns();
		sequence = (int) (clock.instant().getEpochSecond() % 100_000);
		log.info("Demo mode: merchant '{}', {} stations; an order every {}", MERCHANT, DemoData.STATIONS.size(),
				settings.orderInterval());
		scheduler.scheduleAtFixedRate(this::tick, clock.instant().plusSeconds(1), settings.orderInterval());
	}

	/**
	 * One sign-in per demo station (station app) and an operator (console), with fresh random passwords at every
	 * start, logged: only for the demo, never for real stations.
	 */
	private void signIns() {
		var existing = accounts.all();
		StringBuilder lines = new StringBuilder("Demo sign-ins at /login (passwords are new at every start):");
		Map<String, Station> byName = new java.util.HashMap<>();
		stations.all().forEach(s -> byName.putIfAbsent(s.name(), s));
		for (DemoData.DemoStation demo : DemoData.STATIONS) {
			Station station = byName.get(demo.name());
			if (station == null) {
				continue;
			}
			String username = "demo-" + java.text.Normalizer.normalize(station.name(), java.text.Normalizer.Form.NFD)
				.replaceAll("\\p{M}", "")
				.toLowerCase(java.util.Locale.ROOT)
				.replaceAll("[^a-z0-9]+", "-")
				.replaceAll("(^-|-$)", "");
			lines.append("\n  station app  ").append(username).append(" / ").append(password(username, existing,
					Role.STATION, station.id()));
		}
		lines.append("\n  console      demo-operator / ").append(password("demo-operator", existing, Role.ADMIN, null));
		log.info(lines.toString());
	}

	private String password(String username, List<WebAccounts.Account> existing, Role role, UUID stationId) {
		byte[] random = new byte[12];
		PASSWORDS.nextBytes(random);
		String password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		existing.stream().filter(a -> a.username().equalsIgnoreCase(username)).findFirst().ifPresentOrElse(
				a -> accounts.changePassword(a.id(), password),
				() -> accounts.create(username, password, role, stationId, "Demo"));
		return password;
	}

	private synchronized void tick() {
		try {
			placeOne();
			reportDue();
			workRoutes();
		}
		catch (RuntimeException e) {
			log.warn("Demo simulation step failed: {}", e.getMessage());
		}
	}

	private void placeOne() {
		DemoData.Place place = DemoData.PLACES.get(random.nextInt(DemoData.PLACES.size()));
		String[] customer = DemoData.CUSTOMERS.get(random.nextInt(DemoData.CUSTOMERS.size()));
		List<PlaceOrder.Item> items = new ArrayList<>();
		int lines = 1 + random.nextInt(3);
		for (int i = 0; i < lines; i++) {
			String[] product = DemoData.PRODUCTS.get((i + random.nextInt(DemoData.PRODUCTS.size())) % DemoData.PRODUCTS.size());
			items.add(new PlaceOrder.Item(product[0], product[1], 1 + random.nextInt(3)));
		}
		String number = "DEMO-" + (++sequence);
		IntakeResult result = orders.place(merchantId, new PlaceOrder(number,
				new Destination(place.address(), place.lat(), place.lon(), null), items,
				new Customer(customer[0], customer[3], null, customer[1], customer[2]), null));
		log.info("Demo: placed {} to {} -> {}", number, place.address(), result.order().state());
		if (result.order().state() == OrderState.ASSIGNED) {
			long delay = 2_000 + (long) (random.nextDouble() * settings.stockingDelay().toMillis());
			pending.add(new Pending(result.order().id(), result.order().stationId(), clock.instant().plusMillis(delay),
					lines));
		}
	}

	private void reportDue() {
		Instant now = clock.instant();
		for (Pending p : List.copyOf(pending)) {
			if (p.due().isAfter(now)) {
				continue;
			}
			pending.remove(p);
			StockingOutcome outcome = StockingOutcome.stocked();
			if (random.nextDouble() < settings.failureRate()) {
				StockingFailureReason reason = StockingFailureReason.values()[random
					.nextInt(StockingFailureReason.values().length)];
				List<Integer> failed = p.lines() > 1 && random.nextBoolean() ? List.of(1 + random.nextInt(p.lines()))
						: List.of();
				outcome = StockingOutcome.failed(reason, reason == StockingFailureReason.OTHER ? "demo note" : null,
						failed);
			}
			orders.reportStocking(p.stationId(), List.of(new StockingReport(p.orderId(), outcome)), false);
		}
	}

	/** A courier per station: dispatched once three orders are stocked, then one stop per step. */
	private void workRoutes() {
		for (Station station : stations.all()) {
			if (!station.active()) {
				continue;
			}
			List<Route> started = routes.list(station.id(), RouteState.STARTED);
			if (started.isEmpty()) {
				List<Route> planned = routes.list(station.id(), RouteState.PLANNED);
				if (!planned.isEmpty()) {
					routes.start(planned.get(0).id(), station.id());
				}
				else if (orders.stockedAt(station.id(), 3).size() >= 3) {
					routes.dispatch(station.id(), new Courier("Courier " + station.name(), null, null),
							null, Map.of());
				}
				continue;
			}
			Route route = started.get(0);
			Stop next = route.stops().stream().filter(Stop::pending).findFirst().orElse(null);
			if (next == null) {
				continue;
			}
			boolean failed = random.nextDouble() < 0.1;
			routes.completeStop(route.id(), station.id(), next.orderId(),
					failed ? StopState.FAILED : StopState.DELIVERED,
					failed ? DeliveryFailureReason.CUSTOMER_ABSENT : null, null, null);
		}
	}

	private record Pending(UUID orderId, UUID stationId, Instant due, int lines) {
	}

}
