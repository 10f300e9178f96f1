package io.herald.web;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.herald.support.Browser;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.WebSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator console in headless Chromium: an operator signs in, sees the overview's charts drawn by Chart.js
 * under the strict Content-Security-Policy, the stations' service areas on a map, finds an order and reads its story
 * and notifications, re-drives a dead notification until it is sent, and disables and enables a webhook subscription.
 * A station's account cannot open the console, and a form post without the CSRF token is refused. Every page is
 * saved at phone and desktop width ({@code console-*.png}).
 */
class ConsoleBrowserTests extends IntegrationTestBase {

	@RegisterExtension
	static final Browser browser = new Browser();

	private String base() {
		return "http://localhost:" + port;
	}

	private static Object js(String script, Object... args) {
		return browser.script(script, args);
	}

	private void signInAsOperator() {
		var operator = fixtures.operatorAccount("olivia");
		browser.signIn(base(), operator.username(), operator.password());
		assertThat(browser.driver().getCurrentUrl()).endsWith("/console");
	}

	private void screenshots(String name) {
		browser.desktop().screenshot(name);
		assertThat(browser.accessibilityViolations()).as("WCAG 2.1 AA violations of " + name).isEmpty();
		browser.phone().screenshot(name);
		// nothing sticks out sideways at phone width: wide tables scroll inside their own box
		Number overflow = (Number) js("return document.documentElement.scrollWidth - window.innerWidth");
		assertThat(overflow.intValue()).as("horizontal overflow of " + name + " at phone width").isLessThanOrEqualTo(0);
		browser.desktop();
	}

	@Test
	void theOverviewDrawsFourChartsWithChartJs() {
		var merchant = fixtures.merchant("Acme Tea", receiver().url("/overview"));
		var vella = fixtures.station("Andorra la Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		String failed = fixtures.place(merchant, Fixtures.order("B-1001", 42.507, 1.52, null, "en"));
		api.post("/api/v1/orders/" + failed + "/stocking", vella.key(),
				"{\"status\":\"FAILED\",\"reason\":\"OUT_OF_STOCK\"}");
		eventually("the webhook is sent", () -> count(
				"select count(*) from notification where channel = 'WEBHOOK' and status = 'SENT'") > 0);
		var data = new ConsoleData(jdbc);
		UUID route = data.route(vella.id());
		Instant at = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(2));
		data.deliveredStop(route, 1, at, 0, 20, 5);
		data.deliveredStop(route, 2, at, 0, 20, 31);
		signInAsOperator();

		browser.open(base() + "/console");
		assertThat(browser.driver().getTitle()).isEqualTo("Overview · Herald");
		for (String id : List.of("stocking-failures", "notifications", "on-time", "eta-error")) {
			WebElement canvas = browser.waitFor("canvas#" + id);
			assertThat(canvas.getAttribute("role")).isEqualTo("img");
			assertThat(canvas.getAttribute("aria-label")).isNotBlank();
			browser.waiting(Browser.TIMEOUT)
				.withMessage("Chart.js draws " + id)
				.until(d -> Boolean.TRUE.equals(js("return !!(window.Chart && Chart.getChart(document.getElementById(arguments[0])))",
							id)));
		}
		Number bars = (Number) js("return Chart.getChart(document.getElementById('on-time')).data.datasets[0].data[0]");
		assertThat(bars.doubleValue()).isEqualTo(50.0);
		// the numbers are also a table, behind a disclosure that the keyboard opens
		WebElement summary = browser.driver().findElement(By.cssSelector("#stocking-failures-title ~ details summary"));
		summary.sendKeys(" ");
		browser.waitForText("out of stock");
		screenshots("console-overview");
		assertThat(browser.consoleErrors()).isEmpty();
	}

	@Test
	void theStationsMapDrawsEveryServiceArea() {
		fixtures.station("Andorra la Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		fixtures.station("Encamp", 42.535, 1.583, Fixtures.ENCAMP);
		fixtures.station("Ordino (by region code)", 42.556, 1.533, "null", "AD-05");
		signInAsOperator();

		browser.open(base() + "/console/stations");
		WebElement map = browser.waitFor("svg.area-map");
		assertThat(map.getAttribute("role")).isEqualTo("img");
		assertThat(map.findElement(By.tagName("title")).getAttribute("textContent"))
			.isEqualTo("Service areas of the stations");
		List<WebElement> areas = map.findElements(By.cssSelector("path.area"));
		assertThat(areas).extracting(a -> a.getAttribute("data-station"))
			.containsExactly("Andorra la Vella", "Encamp");
		assertThat(map.findElements(By.cssSelector("circle.depot"))).hasSize(3);
		browser.waitForText("none (region codes or distance)");
		screenshots("console-stations");
		assertThat(browser.consoleErrors()).isEmpty();
	}

	@Test
	void anOperatorFindsAnOrderAndReadsItsEventsAndNotifications() {
		var merchant = fixtures.merchant("Acme Tea", receiver().url("/orders"));
		var vella = fixtures.station("Andorra la Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		fixtures.place(merchant, Fixtures.order("B-2001", 42.507, 1.52, null, "en"));
		String wanted = fixtures.place(merchant, Fixtures.order("B-2002", 42.507, 1.52, null, "en"));
		api.post("/api/v1/orders/" + wanted + "/stocking", vella.key(),
				"{\"status\":\"FAILED\",\"reason\":\"DAMAGED\",\"note\":\"Box crushed\"}");
		eventually("the webhook is sent", () -> count("select count(*) from notification where order_id = ?::uuid"
				+ " and channel = 'WEBHOOK' and status = 'SENT'", wanted) == 1);
		signInAsOperator();

		browser.open(base() + "/console/orders");
		browser.waitForText("2 orders");
		new Select(browser.driver().findElement(By.id("stocking"))).selectByValue("FAILED");
		browser.driver().findElement(By.cssSelector("form.filters button[type=submit]")).click();
		browser.waitForText("1 order");
		assertThat(browser.driver().findElements(By.cssSelector("#orders tbody tr"))).hasSize(1);
		WebElement search = browser.driver().findElement(By.id("q"));
		search.clear();
		search.sendKeys("li we");
		new Select(browser.driver().findElement(By.id("stocking"))).selectByValue("");
		search.submit();
		browser.waitForText("2 orders");
		search = browser.driver().findElement(By.id("q"));
		search.clear();
		search.sendKeys("B-2002");
		search.submit();
		browser.waitForText("1 order");
		screenshots("console-orders");

		browser.driver().findElement(By.linkText("B-2002")).click();
		browser.waitFor("h1");
		assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Order B-2002");
		String story = browser.driver().findElement(By.cssSelector("ol.timeline")).getText();
		assertThat(story).contains("placed", "assigned", "stocking failed", "reason: DAMAGED", "Box crushed",
				"station: Andorra la Vella");
		String notifications = browser.waitFor("#notifications").getText();
		assertThat(notifications).contains("stocking failed", "WEBHOOK", "SENT");
		screenshots("console-order");
		assertThat(browser.consoleErrors()).isEmpty();

		browser.open(base() + "/console/orders/" + UUID.randomUUID());
		browser.waitForText("not found");
		assertThat(browser.driver().getTitle()).isEqualTo("Not found · Herald");
	}

	@Test
	void anOperatorRedrivesADeadDeliveryAndItIsSent() {
		receiver().respondWith(410);
		var merchant = fixtures.merchant("Acme Tea", receiver().url("/dead"));
		var vella = fixtures.station("Andorra la Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		String order = fixtures.place(merchant, Fixtures.order("B-3001", 42.507, 1.52, null, "en"));
		api.post("/api/v1/orders/" + order + "/stocking", vella.key(), "{\"status\":\"STOCKED\"}");
		eventually("the webhook is dead", () -> count("select count(*) from notification where order_id = ?::uuid"
				+ " and channel = 'WEBHOOK' and status = 'DEAD'", order) == 1);
		signInAsOperator();

		browser.open(base() + "/console/notifications");
		browser.waitForText("1 dead notification");
		WebElement row = browser.waitFor("#dead tbody tr");
		assertThat(row.getText()).contains("B-3001", "Acme Tea", "stocked", "WEBHOOK", "HTTP 410");
		screenshots("console-notifications");

		row.findElement(By.cssSelector("button.redrive")).click();
		browser.waitForText("is re-driven");
		eventually("the re-driven delivery is sent", () -> count("select count(*) from notification"
				+ " where order_id = ?::uuid and channel = 'WEBHOOK' and status = 'SENT'", order) == 1);
		assertThat(receiver().received("/dead")).extracting(r -> r.answeredWith()).containsExactly(410, 200);
		browser.open(base() + "/console/notifications");
		browser.waitForText("No dead notifications.");
		assertThat(browser.consoleErrors()).isEmpty();
	}

	@Test
	void anOperatorDisablesAndEnablesAWebhookSubscription() {
		var merchant = fixtures.merchant("Acme Tea", null);
		var created = api.post("/api/v1/webhooks/subscriptions", merchant.key(),
				"{\"url\":\"" + receiver().url("/subscription") + "\",\"eventTypes\":[\"STOCKED\",\"DELIVERED\"]}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		signInAsOperator();

		browser.open(base() + "/console/webhooks");
		WebElement row = browser.waitFor("#subscriptions tbody tr");
		assertThat(row.getText()).contains("Acme Tea", "/subscription", "stocked, delivered", "enabled");
		screenshots("console-webhooks");
		row.findElement(By.cssSelector("input[name=reason]")).sendKeys("receiver moving");
		row.findElement(By.cssSelector("button.disable")).click();
		browser.waitForText("gets no notifications until enabled");
		row = browser.waitFor("#subscriptions tbody tr");
		assertThat(row.findElement(By.cssSelector(".badge.state")).getText()).isEqualTo("disabled");
		assertThat(row.getText()).contains("disabled by operator olivia: receiver moving");
		assertThat(count("select count(*) from webhook_subscription where not enabled")).isEqualTo(1);

		row.findElement(By.cssSelector("button.enable")).click();
		browser.waitForText("it gets notifications again");
		assertThat(browser.waitFor("#subscriptions .badge.state").getText()).isEqualTo("enabled");
		assertThat(count("select count(*) from webhook_subscription where enabled and consecutive_failures = 0"))
			.isEqualTo(1);
		assertThat(browser.consoleErrors()).isEmpty();
	}

	@Test
	void onlyOperatorsOpenTheConsoleAndFormsNeedTheirCsrfToken() {
		var station = fixtures.station("Andorra la Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		var staff = fixtures.stationAccount(station, "alv-staff");
		var stationSession = new WebSession(port);
		stationSession.signIn(staff.username(), staff.password());
		assertThat(stationSession.get("/console").statusCode()).isEqualTo(403);
		assertThat(stationSession.get("/console/notifications").statusCode()).isEqualTo(403);
		assertThat(new WebSession(port).get("/console/orders").statusCode()).as("signed out: to the sign-in page")
			.isEqualTo(302);

		receiver().respondWith(410);
		var merchant = fixtures.merchant("Acme Tea", receiver().url("/csrf"));
		String order = fixtures.place(merchant, Fixtures.order("B-4001", 42.507, 1.52, null, "en"));
		api.post("/api/v1/orders/" + order + "/stocking", station.key(), "{\"status\":\"STOCKED\"}");
		eventually("the webhook is dead", () -> count("select count(*) from notification where status = 'DEAD'") == 1);
		var operator = fixtures.operatorAccount("olivia");
		var session = new WebSession(port);
		session.signIn(operator.username(), operator.password());
		var page = session.get("/console/notifications");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'")
			.doesNotContain("unsafe-inline");

		var forged = session.post("/console/notifications/redrive", "");
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(count("select count(*) from notification where status = 'DEAD'")).isEqualTo(1);

		var real = session.post("/console/notifications/redrive", "_csrf=" + WebSession.enc(WebSession.csrfOf(page.body())));
		assertThat(real.statusCode()).isEqualTo(302);
		assertThat(real.headers().firstValue("Location").orElseThrow()).endsWith("/console/notifications");
		eventually("the re-driven delivery is sent",
				() -> count("select count(*) from notification where channel = 'WEBHOOK' and status = 'SENT'") == 1);
	}

}
