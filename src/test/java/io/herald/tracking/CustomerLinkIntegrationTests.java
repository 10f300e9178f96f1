package io.herald.tracking;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.herald.support.Emails;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.WebSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A station cannot act as the customer: the notification history it may read hides the customer's tracking link and
 * addresses, and the customer's answer on the tracking page cannot be sent with staff credentials or from another
 * site.
 */
class CustomerLinkIntegrationTests extends IntegrationTestBase {

	Fixtures.Merchant merchant;

	Fixtures.Station station;

	String orderId;

	String link;

	/**
	 * A test's last messages (the confirmation of the customer's choice) go out before the next test starts: sent
	 * after its clean slate, such an email to the same address would hand the next test a link to an order gone.
	 */
	@AfterEach
	void sendWhatIsDue() {
		awaitIdleOutbox();
	}

	void stockingFailed() throws Exception {
		merchant = fixtures.merchant("Acme Tea", receiver().url("/links"));
		station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		orderId = fixtures.place(merchant, Fixtures.order("L-1", 42.507, 1.52, "victim@example.com", "en"));
		assertThat(api.post("/api/v1/orders/" + orderId + "/stocking", station.key(),
				"{\"status\":\"FAILED\",\"reason\":\"OUT_OF_STOCK\",\"failedLines\":[2]}").status()).isEqualTo(200);
		eventually("the email arrives", () -> Emails.to("victim@example.com") != null);
		link = Emails.trackingPath(Emails.to("victim@example.com"));
		assertThat(link).startsWith("/track/");
	}

	@Test
	void aStationReadsTheHistoryWithoutTheLinkOrTheCustomersAddresses() throws Exception {
		stockingFailed();
		String token = link.substring("/track/".length());
		awaitIdleOutbox();

		var forStation = api.get("/api/v1/orders/" + orderId + "/notifications", station.key());
		assertThat(forStation.status()).isEqualTo(200);
		assertThat(forStation.body()).contains("EMAIL").contains("v***@example.com").contains("/track/[hidden]")
			.doesNotContain(token)
			.doesNotContain("victim@example.com")
			.doesNotContain("+8613800138000")
			.doesNotContainPattern("/unsubscribe\\?token=(?!\\[hidden\\])");

		// the merchant and operators see what was sent, as it was sent
		var forMerchant = api.get("/api/v1/orders/" + orderId + "/notifications", merchant.key());
		assertThat(forMerchant.body()).contains(token).contains("victim@example.com");
		assertThat(api.get("/api/v1/orders/" + orderId + "/notifications", ADMIN_KEY).body()).contains(token);
	}

	@Test
	void staffCredentialsAndOtherSitesCannotAnswerForTheCustomer() throws Exception {
		stockingFailed();
		String url = "http://localhost:" + port + link + "/resolution";

		assertThat(post(url, "Authorization", "Bearer " + station.key()).statusCode()).isEqualTo(403);
		assertThat(post(url, "X-Api-Key", merchant.key()).statusCode()).isEqualTo(403);
		var account = fixtures.stationAccount(station, "la-vella-staff");
		var signedIn = new WebSession(port);
		signedIn.signIn("la-vella-staff", account.password());
		var bySession = signedIn.post(link + "/resolution", "choice=CANCEL");
		assertThat(bySession.statusCode()).isEqualTo(403);
		assertThat(bySession.body()).contains("only the customer");
		assertThat(post(url, "Origin", "https://evil.example").statusCode()).isEqualTo(403);
		assertThat(post(url, "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
		assertThat(post(url, "Sec-Fetch-Site", "same-site").statusCode()).isEqualTo(403);
		assertThat(post(url, "Origin", "null").statusCode()).isEqualTo(403);
		assertThat(count("select count(*) from order_event where order_id = ?::uuid and type = 'order.resolution_chosen'",
				orderId)).isZero();
		assertThat(jdbc.sql("select state from customer_order where id = ?::uuid").param(orderId).query(String.class)
			.single()).isNotEqualTo("CANCELLED");

		// the customer's own browser, on the page their link opened (behind a proxy the browser's word decides)
		var customer = post(url, "Sec-Fetch-Site", "same-origin");
		assertThat(customer.statusCode()).isEqualTo(302);
		assertThat(count("select count(*) from order_event where order_id = ?::uuid and type = 'order.resolution_chosen'",
				orderId)).isEqualTo(1);
	}

	@Test
	void theCustomersBrowserWithoutFetchMetadataIsKnownByItsOrigin() throws Exception {
		stockingFailed();
		var customer = post("http://localhost:" + port + link + "/resolution", "Origin", "http://localhost:" + port);
		assertThat(customer.statusCode()).isEqualTo(302);
	}

	private HttpResponse<String> post(String url, String header, String value) throws Exception {
		var request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header(header, value)
			.POST(HttpRequest.BodyPublishers.ofString("choice=CANCEL"))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

}
