package io.herald.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bursts of orders and stocking reports for the reliability tests, and what the receivers made of them. Order
 * {@code i} is number {@code B-i}, its customer {@code order-i@<domain>} (so each email names its order without the
 * database), and every fourth one fails stocking, so both kinds of message are sent.
 */
public final class BurstFixtures {

	private BurstFixtures() {
	}

	public static String number(int i) {
		return "B-" + i;
	}

	public static String email(int i, String domain) {
		return "order-" + i + "@" + domain;
	}

	public static boolean fails(int i) {
		return i % 4 == 0;
	}

	/** The notification kind the stocking report of order {@code i} produces. */
	public static String kind(int i) {
		return fails(i) ? "STOCKING_FAILED" : "STOCKED";
	}

	/** Places orders {@code from} (inclusive) to {@code to} (exclusive) in one batch; their ids, in that order. */
	public static List<String> place(Api api, Fixtures.Merchant merchant, int from, int to, String domain) {
		String body = IntStream.range(from, to)
			.mapToObj(i -> Fixtures.order(number(i), 42.507, 1.52, email(i, domain), "en"))
			.collect(Collectors.joining(",", "{\"orders\":[", "]}"));
		Api.Response response = api.post("/api/v1/orders/batch", merchant.key(), body);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		for (JsonNode result : response.json().get("results")) {
			assertThat(result.get("status").asString()).as(result.toString()).isEqualTo("CREATED");
			assertThat(result.get("state").asString()).as(result.toString()).isEqualTo("ASSIGNED");
			ids.add(result.get("id").asString());
		}
		assertThat(ids).hasSize(to - from);
		return ids;
	}

	/** A batch stocking request for orders {@code from} to {@code to} (exclusive) of {@code ids}. */
	public static String reports(List<String> ids, int from, int to) {
		return IntStream.range(from, to)
			.mapToObj(i -> fails(i)
					? "{\"orderId\":\"" + ids.get(i) + "\",\"status\":\"FAILED\",\"reason\":\"OUT_OF_STOCK\"}"
					: "{\"orderId\":\"" + ids.get(i) + "\",\"status\":\"STOCKED\"}")
			.collect(Collectors.joining(",", "{\"reports\":[", "]}"));
	}

	/**
	 * What every node of the multi-node tests needs: a new database on the shared PostgreSQL, GreenMail, the admin
	 * key, loopback endpoints allowed, no assignment cache, the four channels and quick dispatch polling. Made once
	 * per test and shared by its nodes, so that they use one database.
	 */
	public static Map<String, Object> nodeProperties() {
		Map<String, Object> properties = new LinkedHashMap<>(TestDatabaseInitializer.properties());
		properties.put("herald.security.bootstrap-admin-key", IntegrationTestBase.ADMIN_KEY);
		properties.put("herald.outbound.allow-private-networks", "true");
		properties.put("herald.assignment.cache-ttl", "0s");
		properties.put("herald.notifications.channels", "webhook,email,live,log");
		properties.put("herald.notifications.dispatch.poll-interval", "20ms");
		properties.put("spring.datasource.hikari.connection-timeout", "5000");
		return properties;
	}

	/** One webhook request as the merchant's endpoint saw it. */
	public record Webhook(String id, String orderId, String kind) {
	}

	public static List<Webhook> webhooks(String path) {
		List<Webhook> result = new ArrayList<>();
		for (WebhookReceiver.Received r : TestInfrastructure.receiver().received(path)) {
			JsonNode data = Api.JSON.readTree(r.body()).path("data");
			result.add(new Webhook(r.header("webhook-id"), data.path("orderId").asString(),
					data.path("kind").asString()));
		}
		return result;
	}

	/** One email as GreenMail received it: the order it is for (by its recipient) and its Message-ID. */
	public record Email(int order, String messageId) {
	}

	/** The emails to customers at {@code domain}, ignoring anything other tests of this JVM may still send. */
	public static List<Email> emails(String domain) {
		List<Email> result = new ArrayList<>();
		try {
			for (MimeMessage message : TestInfrastructure.greenMail().getReceivedMessages()) {
				Address[] to = message.getAllRecipients();
				if (to == null || to.length != 1 || !to[0].toString().endsWith("@" + domain)) {
					continue;
				}
				String local = to[0].toString().substring(0, to[0].toString().indexOf('@'));
				result.add(new Email(Integer.parseInt(local.substring("order-".length())), message.getMessageID()));
			}
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
		return result;
	}

}
