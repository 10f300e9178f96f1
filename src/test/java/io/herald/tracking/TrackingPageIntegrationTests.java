package io.herald.tracking;

import java.time.Duration;

import io.herald.support.Emails;
import io.herald.support.EventStream;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.TestInfrastructure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracking page over HTTP (the browser tests drive it in Chromium): reached through the link in the customer's
 * email, it shows that one order, only what its customer needs, in their language, and its live stream.
 */
class TrackingPageIntegrationTests extends IntegrationTestBase {

	Fixtures.Merchant merchant;

	Fixtures.Station station;

	String place(String number, String email, String locale) {
		return fixtures.place(merchant, Fixtures.order(number, 42.507, 1.52, email, locale));
	}

	void world() {
		merchant = fixtures.merchant("Acme Tea", receiver().url("/track"));
		station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
	}

	/**
	 * The tracking path from the first email to this customer (an email of an earlier test that arrives late is
	 * someone else's).
	 */
	String linkTo(String address) throws Exception {
		eventually("an email to " + address, () -> Emails.to(address) != null);
		return Emails.trackingPath(Emails.to(address));
	}

	@Test
	void theLinkInTheEmailOpensThatOrderWithTheReasonAndOnlyWhatTheCustomerNeeds() throws Exception {
		world();
		String orderId = place("T-1", "li.wei@example.com", "zh-CN");
		assertThat(api.post("/api/v1/orders/" + orderId + "/stocking", station.key(),
				"{\"status\":\"FAILED\",\"reason\":\"OUT_OF_STOCK\",\"failedLines\":[2]}").status()).isEqualTo(200);
		eventually("the email arrives", () -> TestInfrastructure.greenMail().getReceivedMessages().length == 1);
		String link = linkTo("li.wei@example.com");

		var page = api.get(link, null);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.contentType()).startsWith("text/html");
		assertThat(page.body()).contains("<html lang=\"zh-CN\"", "您的订单 T-1", "备货出现问题", "商品缺货", "缺少：Tea cup",
				"+86138****8000", "Li，您好");
		// nothing the customer does not need: not the full phone, not the email, not the street address
		assertThat(page.body()).doesNotContain("+8613800138000", "li.wei@example.com", "Meritxell");
		var headers = api.headers(link);
		assertThat(headers.get("content-security-policy")).contains("script-src 'self'", "frame-ancestors 'none'");
		assertThat(headers.get("referrer-policy")).isEqualTo("no-referrer");

		var english = api.get(link + "?lang=en", null);
		assertThat(english.body()).contains("<html lang=\"en\"", "Your order T-1", "the goods are out of stock",
				"Missing: Tea cup");
		var fragment = api.get(link + "/main", null);
		assertThat(fragment.body()).startsWith("<main").doesNotContain("<html");
	}

	@Test
	void aTokenOpensItsOwnOrderOnlyAndUnknownOrExpiredLinksSaySo() throws Exception {
		world();
		String first = place("T-2", "a@example.com", "en");
		String second = place("T-3", "b@example.com", "en");
		for (String id : new String[] { first, second }) {
			api.post("/api/v1/orders/" + id + "/stocking", station.key(), "{\"status\":\"STOCKED\"}");
		}
		String a = linkTo("a@example.com");
		String b = linkTo("b@example.com");
		assertThat(a).isNotEqualTo(b);
		assertThat(api.get(a, null).body()).contains("Your order T-2").doesNotContain("T-3");
		assertThat(api.get(b, null).body()).contains("Your order T-3").doesNotContain("T-2");

		var unknown = api.get("/track/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", null);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.body()).contains("Tracking link not found");
		assertThat(api.get("/track/short", null).status()).isEqualTo(404);

		// cancelled a month ago: the link has expired (default: 7 days after the story ended)
		assertThat(api.post("/api/v1/orders/" + first + "/cancellation", merchant.key(), "{\"reason\":\"changed mind\"}")
			.status()).isEqualTo(200);
		jdbc.sql("update order_event set occurred_at = occurred_at - interval '30 days' where order_id = ?::uuid")
			.param(first).update();
		eventually("the cancellation email arrives", () -> TestInfrastructure.greenMail().getReceivedMessages().length >= 3);
		var expired = api.get(a, null);
		assertThat(expired.status()).isEqualTo(410);
		assertThat(expired.body()).contains("Tracking link expired").doesNotContain("T-2");
		assertThat(api.get(a + "/live", null).status()).isEqualTo(410);
	}

	@Test
	void thePageFollowsTheOrdersLiveStream() throws Exception {
		world();
		String orderId = place("T-4", "live@example.com", "en");
		api.post("/api/v1/orders/" + orderId + "/stocking", station.key(), "{\"status\":\"STOCKED\"}");
		eventually("the email arrives", () -> TestInfrastructure.greenMail().getReceivedMessages().length == 1);
		String link = linkTo("live@example.com");
		try (EventStream stream = api.stream(link + "/live", null, null)) {
			assertThat(stream.status()).as(link + " " + (stream.status() == 200 ? "" : stream.refusal().body()))
				.isEqualTo(200);
			assertThat(stream.contentType()).startsWith("text/event-stream");
			assertThat(stream.next(Duration.ofSeconds(5))).isNotNull();
			assertThat(api.post("/api/v1/orders/" + orderId + "/cancellation", merchant.key(), "{\"reason\":\"x\"}")
				.status()).isEqualTo(200);
			boolean cancelled = false;
			long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			while (!cancelled && System.nanoTime() < deadline) {
				var event = stream.next(Duration.ofSeconds(1));
				cancelled = event != null && event.data() != null && event.data().contains("cancelled");
			}
			assertThat(cancelled).isTrue();
		}
		assertThat(api.get(link, null).body()).contains("Cancelled");
	}

	@Test
	void theCustomerChoosesDeliverTheRestTheStationSeesItAndTheCustomerIsToldOnce() throws Exception {
		world();
		String orderId = place("T-5", "choose@example.com", "en");
		api.post("/api/v1/orders/" + orderId + "/stocking", station.key(),
				"{\"status\":\"FAILED\",\"reason\":\"OUT_OF_STOCK\",\"failedLines\":[2]}");
		eventually("the email arrives", () -> TestInfrastructure.greenMail().getReceivedMessages().length == 1);
		String link = linkTo("choose@example.com");
		assertThat(api.get(link, null).body()).contains("What should happen now?", "Wait for restock",
				"Deliver the rest", "Cancel the order");

		assertThat(api.form(link + "/resolution", "choice=NOPE").status()).isEqualTo(400);
		var chosen = api.form(link + "/resolution", "choice=DELIVER_REST");
		assertThat(chosen.status()).isEqualTo(302);
		var page = api.get(link, null).body();
		assertThat(page).contains("Your choice: deliver the items that are there, without the missing ones")
			.doesNotContain("What should happen now?");
		// the station sees the choice in its order list
		var list = api.get("/api/v1/stations/" + station.id() + "/orders?stockingStatus=FAILED", station.key()).json();
		assertThat(list.toString()).contains("\"customerChoice\":\"DELIVER_REST\"");
		eventually("the confirmation arrives", () -> TestInfrastructure.greenMail().getReceivedMessages().length == 2);
		assertThat(TestInfrastructure.greenMail().getReceivedMessages()[1].getSubject())
			.isEqualTo("We received your choice for order T-5");
		// the same again changes nothing; another choice is refused
		assertThat(api.form(link + "/resolution", "choice=DELIVER_REST").status()).isEqualTo(302);
		assertThat(api.form(link + "/resolution", "choice=CANCEL").status()).isEqualTo(409);
		awaitIdleOutbox();
		assertThat(TestInfrastructure.greenMail().getReceivedMessages()).hasSize(2);
		assertThat(count("select count(*) from order_event where order_id = ?::uuid and type = 'order.resolution_chosen'",
				orderId)).isEqualTo(1);
	}

}
