package io.herald.web;

import java.net.URI;

import io.herald.support.Browser;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the browser test infrastructure ({@link Browser}) on a page Herald already serves without a key: a customer
 * follows the unsubscribe link of a real email in headless Chromium, confirms with the button, and the opt-out is
 * stored. Screenshots of both pages at phone and desktop width go to {@code docs/screenshots}.
 */
class BrowserSmokeTests extends IntegrationTestBase {

	@RegisterExtension
	static final Browser browser = new Browser();

	@Test
	void aCustomerUnsubscribesInTheBrowserWithTheLinkFromTheirEmail() throws Exception {
		var merchant = fixtures.merchant("Acme Tea", null);
		var station = fixtures.station("Andorra la Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		String orderId = fixtures.place(merchant,
				Fixtures.order("B-1001", 42.507, 1.52, "browser@example.com", "en-GB"));
		var report = api.post("/api/v1/orders/" + orderId + "/stocking", station.key(), "{\"status\":\"STOCKED\"}");
		assertThat(report.status()).as(report.toString()).isEqualTo(200);
		eventually("the email arrives", () -> TestInfrastructure.greenMail().getReceivedMessages().length == 1);
		URI link = URI.create(TestInfrastructure.greenMail()
			.getReceivedMessages()[0].getHeader("List-Unsubscribe")[0].replaceAll("^<|>$", ""));
		// the link is on herald.notifications.public-url (http://localhost:8080 unless set): open it on this server
		String url = "http://127.0.0.1:" + port + link.getRawPath() + "?" + link.getRawQuery();

		browser.phone().open(url);
		assertThat(browser.viewportSize()).isEqualTo(Browser.PHONE);
		assertThat(browser.driver().getTitle()).isEqualTo("Unsubscribe");
		assertThat(browser.waitFor("h1").getText()).isEqualTo("Unsubscribe");
		browser.waitForText("Stop emails about \"stocked\" for browser@example.com?");
		browser.screenshot("unsubscribe");
		browser.desktop().screenshot("unsubscribe");
		assertThat(browser.viewportSize()).isEqualTo(Browser.DESKTOP);
		// showing the page (as a mail scanner following the link would) changes nothing
		assertThat(count("select count(*) from customer_preference")).isZero();

		browser.waitFor("form button[type=submit]").click();

		browser.waitForText("Done: no more emails about \"stocked\".");
		assertThat(browser.driver().getTitle()).isEqualTo("Unsubscribed");
		assertThat(browser.waitFor("h1").getText()).isEqualTo("Unsubscribed");
		browser.screenshot("unsubscribed");
		browser.phone().screenshot("unsubscribed");
		var preferences = api.get("/api/v1/customer-preferences?customer=browser@example.com", merchant.key());
		assertThat(preferences.status()).as(preferences.toString()).isEqualTo(200);
		assertThat(preferences.json().get("optOuts").toString()).isEqualTo("[\"STOCKED:EMAIL\"]");
		assertThat(browser.accessibilityViolations()).isEmpty();
		assertThat(browser.consoleErrors()).isEmpty();
	}

	@Test
	void theSignInPageIsAccessibleAndSaysWhenThePasswordIsWrong() {
		var station = fixtures.station("Andorra la Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		fixtures.stationAccount(station, "alv-smoke");
		String base = "http://localhost:" + port;

		browser.phone().open(base + "/login");
		assertThat(browser.driver().getTitle()).isEqualTo("Sign in · Herald");
		browser.screenshot("sign-in");
		assertThat(browser.accessibilityViolations()).isEmpty();
		browser.waitFor("#username").sendKeys("alv-smoke");
		browser.driver().findElement(org.openqa.selenium.By.id("password")).sendKeys("not the password, sorry");
		browser.driver().findElement(org.openqa.selenium.By.cssSelector("form button[type=submit]")).click();
		browser.waitForText("Wrong name or password.");
		assertThat(browser.driver().getCurrentUrl()).endsWith("/login?error");
		assertThat(browser.accessibilityViolations()).isEmpty();
		browser.desktop().open(base + "/login").screenshot("sign-in");
		assertThat(browser.consoleErrors()).isEmpty();
	}

	@Test
	void theAccessibilityCheckFindsAnUnlabelledFieldAndLowContrast() {
		// so that an empty list of violations in a page's test means "accessible as far as axe can tell", not "not run"
		browser.open("data:text/html,<html lang=en><title>t</title><main><h1>Form</h1><input type=text>"
				+ "<p style='color:%23bbb;background:%23fff'>faint</p></main></html>");

		assertThat(browser.accessibilityViolations()).anyMatch(v -> v.startsWith("label "))
			.anyMatch(v -> v.startsWith("color-contrast "));
	}

	@Test
	void theConsoleLogCatchesJavaScriptErrors() {
		// so that an empty console log in a page's test means "no errors", not "not collected"
		browser.open("data:text/html,<title>broken</title><script>undefinedFunction()</script>");

		assertThat(browser.consoleErrors()).singleElement().asString().contains("undefinedFunction is not defined");
	}

}
