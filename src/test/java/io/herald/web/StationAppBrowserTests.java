package io.herald.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.herald.support.Browser;
import io.herald.support.Emails;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.WebSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.support.ui.Select;

import tools.jackson.databind.JsonNode;

import static io.herald.support.WebSession.enc;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The station app in a real browser (headless Chromium), signed in with a station's account: today's orders grouped
 * by stocking status, "stocked" in one tap, missing items with a reason per item line, the customer's choice arriving
 * live from their tracking page, dispatching and starting a route, working through its stops (delivered, failed with
 * a reason) while the customer's page follows without reloading, sharing the courier's position from the browser's
 * geolocation, one station never seeing another's orders or routes, and forms refused without their CSRF token. No
 * page has an error in the browser's console (a Content-Security-Policy violation would be one). Screenshots at phone
 * and desktop width go to the screenshot directory ({@link Browser#SCREENSHOTS}).
 */
class StationAppBrowserTests extends IntegrationTestBase {

	@RegisterExtension
	static final Browser browser = new Browser();

	private static final Duration LIVE = Duration.ofSeconds(15);

	Fixtures.Merchant merchant;

	Fixtures.Station station;

	Fixtures.Account account;

	void world() {
		merchant = fixtures.merchant("Acme Tea", null);
		station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		account = fixtures.stationAccount(station, "alv-staff");
	}

	private String base() {
		return "http://localhost:" + port;
	}

	@Test
	void theStaffStocksOrdersReportsMissingItemsAndSeesTheCustomersChoiceLive() throws Exception {
		world();
		String first = fixtures.place(merchant, Fixtures.order("S-100", 42.507, 1.52, "s100@example.com", "en"));
		String second = fixtures.place(merchant, Fixtures.order("S-200", 42.508, 1.521, "s200@example.com", "en"));
		fixtures.place(merchant, Fixtures.order("S-300", 42.509, 1.522, "s300@example.com", "en"));

		signIn(account.username(), account.password());
		assertThat(browser.driver().getCurrentUrl()).endsWith("/station");
		waitUntilLive();
		assertThat(numbersIn("waiting")).containsExactlyInAnyOrder("S-100", "S-200", "S-300");
		assertThat(numbersIn("stocked")).isEmpty();
		assertThat(numbersIn("failed")).isEmpty();
		// the customer's first name only
		assertThat(browser.bodyText()).contains("For Li").doesNotContain("Wei").doesNotContain("+86");
		browser.screenshot("station-orders");
		assertThat(browser.accessibilityViolations()).as("WCAG 2.1 AA violations of station-orders").isEmpty();
		browser.phone().screenshot("station-orders");
		browser.desktop();

		// one tap
		click("#order-" + first + " [data-testid=stocked]");
		browser.waitForText("Order S-100: stocked.", LIVE);
		assertThat(numbersIn("stocked")).containsExactly("S-100");
		assertThat(numbersIn("waiting")).containsExactlyInAnyOrder("S-200", "S-300");
		assertThat(api.get("/api/v1/orders/" + first, station.key()).text("state")).isEqualTo("STOCKED");

		// missing items: the tea cup (line 2) is out of stock
		click("#order-" + second + " [data-testid=missing] summary");
		WebElement card = card(second);
		card.findElement(By.cssSelector("[data-testid=line-2]")).click();
		new Select(card.findElement(By.cssSelector("[data-testid=reason-select]"))).selectByValue("OUT_OF_STOCK");
		browser.phone();
		browser.script("arguments[0].scrollIntoView()", card);
		browser.screenshot("station-missing-items");
		assertThat(browser.accessibilityViolations()).as("WCAG 2.1 AA violations of station-missing-items").isEmpty();
		browser.desktop();
		browser.script("arguments[0].scrollIntoView()", card);
		browser.screenshot("station-missing-items");
		assertThat(browser.accessibilityViolations()).as("WCAG 2.1 AA violations of station-missing-items").isEmpty();
		card.findElement(By.cssSelector("[data-testid=report-missing]")).click();
		browser.waitForText("Order S-200: reported missing goods: out of stock.", LIVE);
		assertThat(numbersIn("failed")).containsExactly("S-200");
		assertThat(textOf("#order-" + second + " [data-testid=reason]")).isEqualTo("Reason: Out of stock");
		assertThat(textOf("#order-" + second + " li.missing")).contains("1 × Tea cup");
		assertThat(textOf("#order-" + second + " [data-testid=choice]"))
			.isEqualTo("Waiting for the customer's choice");
		var stored = api.get("/api/v1/orders/" + second, station.key()).json().get("stocking");
		assertThat(stored.get("status").asString()).isEqualTo("FAILED");
		assertThat(stored.get("reason").asString()).isEqualTo("OUT_OF_STOCK");
		assertThat(stored.get("failedLines").toString()).isEqualTo("[2]");
		waitUntilLive();
		browser.script("window.__marker = 1");
		assertThat(browser.consoleErrors()).isEmpty();

		// the customer, in another tab, reads the reason and chooses "deliver the rest"
		String station = browser.driver().getWindowHandle();
		browser.driver().switchTo().newWindow(WindowType.TAB);
		String customer = browser.driver().getWindowHandle();
		browser.open(linkFor("s200@example.com"));
		browser.waitForText("Your goods could not be prepared: the goods are out of stock", LIVE);
		browser.waitForText("Missing: Tea cup", LIVE);
		browser.waiting(LIVE).until(d -> {
			d.findElement(By.cssSelector("[data-testid=choice-DELIVER_REST]")).click();
			return true;
		});
		browser.waitForText("Your choice: deliver the items that are there, without the missing ones", LIVE);

		// the station's page shows it without a reload
		browser.driver().switchTo().window(station);
		browser.waiting(LIVE)
			.withMessage(() -> "the customer's choice on the station's page: " + browser.bodyText())
			.until(d -> card(second).findElement(By.cssSelector("[data-testid=choice]")).getText()
				.startsWith("Customer chose: Deliver the rest"));
		assertThat(browser.script("return window.__marker")).as("the page was not reloaded").isEqualTo(1L);
		scrollTo("#order-" + second);
		browser.screenshot("station-customer-choice");
		assertThat(browser.accessibilityViolations()).as("WCAG 2.1 AA violations of station-customer-choice").isEmpty();
		browser.phone();
		scrollTo("#order-" + second);
		browser.screenshot("station-customer-choice");
		assertThat(browser.accessibilityViolations()).as("WCAG 2.1 AA violations of station-customer-choice").isEmpty();
		browser.desktop();

		// the rest is packed: a correction to "stocked", and the order can go out
		click("#order-" + second + " form button.primary");
		browser.waitForText("Order S-200: stocked after all.", LIVE);
		assertThat(numbersIn("stocked")).containsExactlyInAnyOrder("S-100", "S-200");
		assertThat(browser.consoleErrors()).isEmpty();
		browser.driver().switchTo().window(customer).close();
		browser.driver().switchTo().window(station);
	}

	@Test
	void aCourierDeliversStopsWhileTheCustomersPageFollowsLiveAndSharesTheirPosition() throws Exception {
		world();
		Map<String, String> emailOf = new HashMap<>();
		List<String> ids = new ArrayList<>();
		// in a line away from the depot, a few hundred metres apart
		for (int i = 0; i < 4; i++) {
			String email = "route" + i + "@example.com";
			String id = fixtures.place(merchant,
					Fixtures.order("R-" + i, 42.508 + i * 0.003, 1.522 + i * 0.001, email, "en"));
			emailOf.put("R-" + i, email);
			ids.add(id);
			var stocked = api.post("/api/v1/orders/" + id + "/stocking", station.key(), "{\"status\":\"STOCKED\"}");
			assertThat(stocked.status()).as(stocked.toString()).isEqualTo(200);
		}
		signIn(account.username(), account.password());
		int ticked = browser.waiting(LIVE)
			.until(d -> d.findElements(By.cssSelector("[data-testid=dispatch] input[name=orderIds]:checked")).size());
		assertThat(ticked).isEqualTo(4);
		type("courier-name", "Pau");
		scrollTo("[data-testid=dispatch]");
		browser.screenshot("station-dispatch");
		assertThat(browser.accessibilityViolations()).as("WCAG 2.1 AA violations of station-dispatch").isEmpty();
		browser.phone();
		scrollTo("[data-testid=dispatch]");
		browser.screenshot("station-dispatch");
		assertThat(browser.accessibilityViolations()).as("WCAG 2.1 AA violations of station-dispatch").isEmpty();
		browser.desktop();
		click("[data-testid=dispatch] button[type=submit]");

		browser.waitForText("Route planned: 4 stops for Pau.", LIVE);
		assertThat(browser.driver().getCurrentUrl()).contains("/station/routes/");
		String routeId = browser.driver().getCurrentUrl().replaceAll(".*/station/routes/([0-9a-f-]+).*", "$1");
		assertThat(browser.testIdText("route-state", LIVE)).isEqualTo("Planned");
		assertThat(browser.driver().findElements(By.cssSelector("[data-testid=stop]"))).hasSize(4);
		assertThat(browser.driver().findElements(By.cssSelector("[data-testid=eta]"))).hasSize(4);
		browser.screenshot("station-route-planned");
		assertThat(browser.accessibilityViolations()).as("WCAG 2.1 AA violations of station-route-planned").isEmpty();
		browser.phone().screenshot("station-route-planned");
		browser.desktop();
		click("[data-testid=start]");
		browser.waitForText("Route started", LIVE);
		assertThat(browser.testIdText("route-state", LIVE)).isEqualTo("On the road");
		String target = lastStop();

		// the courier shares their position: geolocation granted and placed near the first stop
		var chromium = (ChromiumDriver) browser.driver();
		chromium.executeCdpCommand("Browser.grantPermissions",
				Map.of("origin", base(), "permissions", List.of("geolocation")));
		chromium.executeCdpCommand("Emulation.setGeolocationOverride",
				Map.of("latitude", 42.5071, "longitude", 1.5215, "accuracy", 10));
		browser.waitFor("[data-testid=share]").click();
		browser.waiting(LIVE).until(d -> browser.testIdText("position-status", LIVE).startsWith("Position sent at"));
		assertThat(browser.waitFor("[data-testid=share]").getDomAttribute("aria-pressed")).isEqualTo("true");
		JsonNode position = api.get("/api/v1/routes/" + routeId, station.key()).json().get("courierPosition");
		assertThat(position.get("lat").asDouble()).isEqualTo(42.5071);
		assertThat(position.get("lon").asDouble()).isEqualTo(1.5215);
		browser.screenshot("station-route");
		assertThat(browser.accessibilityViolations()).as("WCAG 2.1 AA violations of station-route").isEmpty();
		browser.phone().screenshot("station-route");
		browser.desktop();
		browser.waitFor("[data-testid=share]").click();
		assertThat(browser.testIdText("position-status", LIVE)).isEqualTo("Not sharing.");
		// refused: the page says what to do
		chromium.executeCdpCommand("Browser.setPermission", Map.of("origin", base(), "permission",
				Map.of("name", "geolocation"), "setting", "denied"));
		chromium.executeCdpCommand("Emulation.clearGeolocationOverride", Map.of());
		browser.waitFor("[data-testid=share]").click();
		// the permission change reaches the page's renderer a little later (Chromium 150 still delivered the old
		// position to a watch started right after it): a watch that still got a position is stopped and started again
		browser.waiting(LIVE).until(d -> {
			String text = browser.testIdText("position-status", LIVE);
			if (text.startsWith("Position sent") || text.startsWith("Your position is not available")) {
				browser.waitFor("[data-testid=share]").click();
				browser.waitFor("[data-testid=share]").click();
				return false;
			}
			return text.startsWith("Location access is denied.");
		});
		assertThat(browser.waitFor("[data-testid=share]").getDomAttribute("aria-pressed")).isEqualTo("false");
		assertThat(browser.consoleErrors()).isEmpty();

		// the customer of the last stop follows along in another tab
		String stationTab = browser.driver().getWindowHandle();
		browser.driver().switchTo().newWindow(WindowType.TAB);
		String customerTab = browser.driver().getWindowHandle();
		browser.open(linkFor(emailOf.get(target)));
		browser.waitForTestId("away", "3 stops away", LIVE);
		browser.script("window.__marker = 1");

		// the first stop fails: nobody there
		browser.driver().switchTo().window(stationTab);
		String failedNumber = browser.waiting(LIVE).until(d -> nextStop(target).getDomAttribute("data-number"));
		String failing = "[data-testid=stop][data-number='" + failedNumber + "'] ";
		click(failing + "[data-testid=fail] summary");
		new Select(browser.waitFor(failing + "[data-testid=fail-reason]")).selectByValue("CUSTOMER_ABSENT");
		click(failing + "[data-testid=report-failed]");
		browser.waitForText("Order " + failedNumber + ": delivery failed (customer not there).", LIVE);
		assertThat(textOf(failing + "[data-testid=stop-failure]"))
			.isEqualTo("Failed: Customer not there");
		assertThat(api.get("/api/v1/orders/" + ids.get(Integer.parseInt(failedNumber.substring(2))), station.key())
			.text("state")).isEqualTo("DELIVERY_FAILED");

		// then two deliveries: the customer's page says "1 stop away" without a reload
		deliverNext(target);
		deliverNext(target);
		browser.driver().switchTo().window(customerTab);
		browser.waitForTestId("away", "You are next", LIVE);
		assertThat(browser.script("return window.__marker")).as("the page was not reloaded").isEqualTo(1L);
		browser.driver().switchTo().window(stationTab);
		String next = browser.waiting(LIVE).until(d -> nextStop(null).getDomAttribute("data-number"));
		assertThat(next).isEqualTo(target);
		browser.screenshot("station-route-delivering");
		assertThat(browser.accessibilityViolations()).as("WCAG 2.1 AA violations of station-route-delivering").isEmpty();
		browser.phone().screenshot("station-route-delivering");
		browser.desktop();

		// the last stop: delivered, and the customer's page says so without a reload
		click("[data-testid=stop][data-number='" + target + "'] [data-testid=delivered]");
		browser.waitForText("Order " + target + " delivered.", LIVE);
		assertThat(browser.testIdText("route-state", LIVE)).isEqualTo("Finished");
		browser.driver().switchTo().window(customerTab);
		browser.waitForTestId("status", "Delivered", LIVE);
		assertThat(browser.script("return window.__marker")).as("the page was not reloaded").isEqualTo(1L);
		browser.driver().close();
		browser.driver().switchTo().window(stationTab);

		// the station's routes
		browser.open(base() + "/station/routes");
		assertThat(browser.waitFor("[data-testid=route]").getText()).contains("Route of Pau").contains("Finished")
			.contains("0 of 4 stops to go");
		browser.screenshot("station-routes");
		assertThat(browser.accessibilityViolations()).as("WCAG 2.1 AA violations of station-routes").isEmpty();
		browser.phone().screenshot("station-routes");
		assertThat(browser.consoleErrors()).isEmpty();
	}

	@Test
	void theCustomersPageSaysOneStopAwayThenDeliveredWithoutReloading() throws Exception {
		world();
		Map<String, String> emailOf = new HashMap<>();
		for (int i = 0; i < 3; i++) {
			String id = fixtures.place(merchant,
					Fixtures.order("Q-" + i, 42.508 + i * 0.003, 1.522 + i * 0.001, "q" + i + "@example.com", "en"));
			emailOf.put("Q-" + i, "q" + i + "@example.com");
			assertThat(api.post("/api/v1/orders/" + id + "/stocking", station.key(), "{\"status\":\"STOCKED\"}")
				.status()).isEqualTo(200);
		}
		signIn(account.username(), account.password());
		type("courier-name", "Pau");
		click("[data-testid=dispatch] button[type=submit]");
		click("[data-testid=start]");
		browser.waitForText("Route started", LIVE);
		String target = lastStop();
		String stationTab = browser.driver().getWindowHandle();
		browser.driver().switchTo().newWindow(WindowType.TAB);
		String customerTab = browser.driver().getWindowHandle();
		browser.open(linkFor(emailOf.get(target)));
		browser.waitForTestId("away", "2 stops away", LIVE);
		browser.script("window.__marker = 1");

		browser.driver().switchTo().window(stationTab);
		deliverNext(target);
		browser.driver().switchTo().window(customerTab);
		browser.waitForTestId("away", "1 stop away", LIVE);
		browser.driver().switchTo().window(stationTab);
		deliverNext(target);
		click("[data-testid=stop][data-number='" + target + "'] [data-testid=delivered]");
		browser.waitForText("Order " + target + " delivered.", LIVE);
		browser.driver().switchTo().window(customerTab);
		browser.waitForTestId("status", "Delivered", LIVE);
		assertThat(browser.script("return window.__marker")).as("the page was not reloaded").isEqualTo(1L);
		browser.driver().close();
		browser.driver().switchTo().window(stationTab);
		assertThat(browser.consoleErrors()).isEmpty();
	}

	@Test
	void aStationsSessionSeesOnlyItsOwnOrdersAndRoutesAndFormsNeedTheirCsrfToken() throws Exception {
		world();
		var encamp = fixtures.station("Encamp", 42.535, 1.583, Fixtures.ENCAMP);
		var encampStaff = fixtures.stationAccount(encamp, "enc-staff");
		String ours = fixtures.place(merchant, Fixtures.order("V-1", 42.507, 1.52, "v1@example.com", "en"));
		String theirs = fixtures.place(merchant, Fixtures.order("E-1", 42.54, 1.59, "e1@example.com", "en"));
		String theirsWaiting = fixtures.place(merchant, Fixtures.order("E-2", 42.541, 1.591, "e2@example.com", "en"));
		assertThat(api.get("/api/v1/orders/" + theirs, encamp.key()).text("stationId")).isEqualTo(encamp.id());
		api.post("/api/v1/orders/" + theirs + "/stocking", encamp.key(), "{\"status\":\"STOCKED\"}");
		var route = api.post("/api/v1/routes", encamp.key(), "{\"courier\":{\"name\":\"Marta\"}}");
		assertThat(route.status()).as(route.toString()).isEqualTo(201);
		String theirRoute = route.text("id");

		// in the browser
		signIn(account.username(), account.password());
		waitUntilLive();
		assertThat(numbersIn("waiting")).containsExactly("V-1");
		assertThat(browser.bodyText()).doesNotContain("E-1").doesNotContain("E-2");
		for (String path : List.of("/station/orders/" + theirs, "/station/routes/" + theirRoute,
				"/station/orders/" + theirsWaiting)) {
			browser.open(base() + path);
			assertThat(browser.waitFor("[data-testid=problem-title]").getText()).isEqualTo("Not found");
			assertThat(browser.bodyText()).contains("There is no such order or route at your station.")
				.doesNotContain("E-1").doesNotContain("E-2").doesNotContain("Marta");
		}
		browser.screenshot("station-not-found");
		assertThat(browser.accessibilityViolations()).as("WCAG 2.1 AA violations of station-not-found").isEmpty();
		browser.phone().screenshot("station-not-found");
		browser.desktop();
		browser.open(base() + "/station/orders/" + ours);
		assertThat(browser.waitFor("h1").getText()).isEqualTo("Order V-1");
		// the browser reports the 404 pages' status, nothing else
		assertThat(browser.consoleErrors()).allMatch(e -> e.contains("404"));

		// over HTTP, with the session and a valid CSRF token: still not found, nothing changed
		var session = new WebSession(port);
		assertThat(session.signIn(account.username(), account.password()).headers().firstValue("Location")
			.orElseThrow()).endsWith("/station");
		String board = session.get("/station").body();
		assertThat(board).contains("V-1").doesNotContain("E-1").doesNotContain("E-2").doesNotContain(theirs);
		assertThat(session.get("/station/board").body()).contains("V-1").doesNotContain("E-2");
		assertThat(session.get("/station/orders/" + theirs).statusCode()).isEqualTo(404);
		assertThat(session.get("/station/routes/" + theirRoute).statusCode()).isEqualTo(404);
		assertThat(session.get("/station/routes/" + theirRoute + "/main").statusCode()).isEqualTo(404);
		String token = session.csrf("/station");
		var stock = session.post("/station/orders/" + theirsWaiting + "/stocked", "_csrf=" + enc(token));
		assertThat(stock.statusCode()).isEqualTo(404);
		assertThat(stock.body()).doesNotContain("E-2");
		var missing = session.post("/station/orders/" + theirsWaiting + "/missing",
				"_csrf=" + enc(token) + "&reason=OUT_OF_STOCK&lines=1");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(session.post("/station/routes/" + theirRoute + "/start", "_csrf=" + enc(token)).statusCode())
			.isEqualTo(404);
		assertThat(session.post("/station/routes/" + theirRoute + "/stops/" + theirs + "/delivered",
				"_csrf=" + enc(token)).statusCode()).isEqualTo(404);
		var position = session.json("/station/routes/" + theirRoute + "/position", session.csrfMeta("/station"),
				"{\"lat\":42.5,\"lon\":1.5}");
		assertThat(position.statusCode()).isEqualTo(404);
		assertThat(api.get("/api/v1/orders/" + theirsWaiting, encamp.key()).text("state")).isEqualTo("ASSIGNED");
		assertThat(api.get("/api/v1/routes/" + theirRoute, encamp.key()).text("state")).isEqualTo("PLANNED");
		assertThat(api.get("/api/v1/routes/" + theirRoute, encamp.key()).json().has("courierPosition")).isFalse();

		// without the CSRF token a form is refused and changes nothing
		assertThat(session.post("/station/orders/" + ours + "/stocked", "").statusCode()).isEqualTo(403);
		assertThat(session.post("/station/orders/" + ours + "/stocked", "_csrf=forged").statusCode()).isEqualTo(403);
		assertThat(session.json("/station/routes/" + theirRoute + "/position", null, "{\"lat\":42.5,\"lon\":1.5}")
			.statusCode()).isEqualTo(403);
		assertThat(api.get("/api/v1/orders/" + ours, station.key()).text("state")).isEqualTo("ASSIGNED");
		// with it, the same form works
		var stocked = session.post("/station/orders/" + ours + "/stocked", "_csrf=" + enc(token));
		assertThat(stocked.statusCode()).isEqualTo(302);
		assertThat(api.get("/api/v1/orders/" + ours, station.key()).text("state")).isEqualTo("STOCKED");
		// a bad form changes nothing and says so on a page
		var bad = session.post("/station/orders/" + ours + "/missing", "_csrf=" + enc(token) + "&reason=NOPE");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
		// the other station's staff see their own orders only
		var other = new WebSession(port);
		other.signIn(encampStaff.username(), encampStaff.password());
		assertThat(other.get("/station").body()).contains("E-2").doesNotContain("V-1");
		assertThat(other.get("/station/routes/" + theirRoute).statusCode()).isEqualTo(200);
		// and the API key of one station still cannot reach the other's through the pages (no session, no page)
		assertThat(api.get("/station", encamp.key()).status()).isIn(302, 401, 403);
	}

	// -- helpers ----------------------------------------------------------------------------------------------------

	/**
	 * Signs in afresh. The browser's session of an earlier test belongs to an account and station that are gone
	 * now (the database is emptied between tests): its cookie is dropped first so that it does not land on a page
	 * for a station that no longer exists.
	 */
	private void signIn(String username, String password) {
		((ChromiumDriver) browser.driver()).executeCdpCommand("Network.clearBrowserCookies", Map.of());
		browser.signIn(base(), username, password);
	}

	/** The text of the element, read again should a live refresh have replaced it just then. */
	private String textOf(String css) {
		return browser.waiting(LIVE).withMessage(css).until(d -> d.findElement(By.cssSelector(css)).getText());
	}

	private void scrollTo(String css) {
		browser.waiting(LIVE).withMessage(css).until(d -> {
			browser.script("arguments[0].scrollIntoView()", d.findElement(By.cssSelector(css)));
			return true;
		});
	}

	/** The order number of the route's last stop in its sequence. */
	private String lastStop() {
		return browser.waiting(LIVE).until(d -> {
			List<WebElement> stops = d.findElements(By.cssSelector("[data-testid=stop]"));
			return stops.isEmpty() ? null : stops.get(stops.size() - 1).getDomAttribute("data-number");
		});
	}

	/** Clicks the element, again should a live refresh have replaced it just then. */
	private void click(String css) {
		browser.waiting(LIVE).withMessage(() -> css + " to click").until(d -> {
			d.findElement(By.cssSelector(css)).click();
			return true;
		});
	}

	/** Types into the field, again should a live refresh have replaced it just then. */
	private void type(String id, String text) {
		browser.waiting(LIVE)
			.until(d -> {
				WebElement field = d.findElement(By.id(id));
				field.clear();
				field.sendKeys(text);
				return text.equals(field.getDomProperty("value"));
			});
	}

	private WebElement card(String orderId) {
		return browser.waitFor("#order-" + orderId);
	}

	/** The order numbers in a group; the live refresh may replace the list meanwhile. */
	private List<String> numbersIn(String group) {
		return browser.waiting(LIVE)
			.until(d -> d.findElement(By.cssSelector("[data-testid=group-" + group + "]"))
				.findElements(By.cssSelector("[data-testid=order]"))
				.stream()
				.map(e -> e.getDomAttribute("data-number"))
				.toList());
	}

	/** The route's next stop (asserting it is not {@code notThis}). */
	private WebElement nextStop(String notThis) {
		WebElement next = browser.waitFor("[data-testid=stop].next");
		if (notThis != null) {
			assertThat(next.getDomAttribute("data-number")).isNotEqualTo(notThis);
		}
		return next;
	}

	private void deliverNext(String notThis) {
		String number = browser.waiting(LIVE).until(d -> nextStop(notThis).getDomAttribute("data-number"));
		click("[data-testid=stop][data-number='" + number + "'] [data-testid=delivered]");
		browser.waitForText("Order " + number + " delivered.", LIVE);
	}

	/** The page follows the station's live stream. */
	private void waitUntilLive() {
		browser.waiting(LIVE)
			.withMessage("the live stream is open")
			.until(d -> "Live".equals(d.findElement(By.id("live")).getText()));
	}

	/** The customer's tracking link, from the email they got, on this server. */
	private String linkFor(String email) throws Exception {
		eventually("an email to " + email, () -> Emails.to(email) != null);
		return "http://127.0.0.1:" + port + Emails.trackingPath(Emails.to(email));
	}

}
