package io.herald.audit;

import java.util.List;
import java.util.UUID;

import io.herald.access.ApiKeys;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;

import tools.jackson.databind.JsonNode;

import static io.herald.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit log: every kind of change leaves exactly one entry with who (the operator's key, or the signed-in
 * account's name), what (action, target, details without secrets) and from where; the database refuses to change or
 * remove an entry; only operators read it, in the API and the console.
 */
class AuditLogIntegrationTests extends IntegrationTestBase {

	@Autowired
	ApiKeys keys;

	/**
	 * Each test re-creates the operator key under a new id, while a node caches keys for 10 s: revoking nothing empties
	 * that cache, so the operator acts under the id stored now.
	 */
	@BeforeEach
	void forgetCachedKeys() {
		keys.revoke(UUID.randomUUID());
	}

	/** One entry as stored. */
	record Entry(String actorKind, String actorId, String actorName, String actorRole, String action, String targetType,
			String targetId, String details, String clientAddress) {
	}

	@Test
	void everyKindOfChangeLeavesOneEntryWithWhoWhatAndWhere() {
		String admin = adminKeyId();
		receiver().respondWith(410);
		var merchant = fixtures.merchant("Audit Tea", receiver().url("/audit"));
		assertSingle(merchant.id(), "merchant.created", "merchant", admin);
		assertThat(details(merchant.id(), "merchant.created")).doesNotContain(merchant.webhookSecret());
		String merchantKeyId = keyIdOf(merchant.id());
		assertSingle(merchantKeyId, "key.issued", "api_key", admin);
		assertThat(details(merchantKeyId, "key.issued")).doesNotContain(merchant.key());

		var station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		assertSingle(station.id(), "station.created", "station", admin);
		ok(api.put("/api/v1/stations/" + station.id(), ADMIN_KEY,
				"{\"name\":\"La Vella 2\",\"depot\":{\"lat\":42.5063,\"lon\":1.5218},\"serviceArea\":"
						+ Fixtures.ANDORRA_LA_VELLA + "}"));
		assertSingle(station.id(), "station.updated", "station", admin);

		// keys: issued, rotated, revoked
		var issued = ok(api.post("/api/v1/merchants/" + merchant.id() + "/keys", ADMIN_KEY, null));
		assertSingle(issued.text("id"), "key.issued", "api_key", admin);
		var rotated = ok(api.post("/api/v1/keys/" + issued.text("id") + "/rotation", ADMIN_KEY, null));
		assertSingle(issued.text("id"), "key.rotated", "api_key", admin);
		assertThat(details(issued.text("id"), "key.rotated")).contains(rotated.text("id")).doesNotContain(rotated.text("key"));
		assertThat(api.delete("/api/v1/keys/" + rotated.text("id"), ADMIN_KEY).status()).isEqualTo(204);
		assertSingle(rotated.text("id"), "key.revoked", "api_key", admin);

		// the merchant's own webhook change is audited with the merchant's key as the actor
		ok(api.put("/api/v1/merchants/" + merchant.id() + "/webhook", merchant.key(),
				"{\"url\":\"" + receiver().url("/audit-2") + "\",\"rotateSecret\":true}"));
		Entry webhook = assertSingle(merchant.id(), "merchant.webhook_changed", "merchant", merchantKeyId);
		assertThat(webhook.actorRole()).isEqualTo("MERCHANT");
		assertThat(webhook.details()).contains("audit-2").doesNotContain("whsec_");

		// accounts
		var account = fixtures.stationAccount(station, "staff-audit");
		assertSingle(account.id(), "account.created", "web_account", admin);
		assertThat(details(account.id(), "account.created")).doesNotContain(account.password());
		ok(api.put("/api/v1/accounts/" + account.id() + "/password", ADMIN_KEY,
				"{\"password\":\"another horse battery staple\"}"));
		assertSingle(account.id(), "account.password_changed", "web_account", admin);
		assertThat(details(account.id(), "account.password_changed")).doesNotContain("horse");
		assertThat(api.delete("/api/v1/accounts/" + account.id(), ADMIN_KEY).status()).isLessThan(300);
		assertSingle(account.id(), "account.disabled", "web_account", admin);
		ok(api.post("/api/v1/accounts/" + account.id() + "/enable", ADMIN_KEY, null));
		assertSingle(account.id(), "account.enabled", "web_account", admin);

		// webhook subscriptions: enable, delete (disable is the console's, below)
		var subscription = api.post("/api/v1/webhooks/subscriptions", merchant.key(),
				"{\"url\":\"" + receiver().url("/sub") + "\"}");
		String subscriptionId = subscription.json().get("subscription").get("id").asString();
		ok(api.post("/api/v1/webhooks/subscriptions/" + subscriptionId + "/enable", ADMIN_KEY, null));
		assertSingle(subscriptionId, "webhook_subscription.enabled", "webhook_subscription", admin);
		assertThat(api.delete("/api/v1/webhooks/subscriptions/" + subscriptionId, ADMIN_KEY).status()).isLessThan(300);
		assertSingle(subscriptionId, "webhook_subscription.deleted", "webhook_subscription", admin);

		// a stocking correction, and a re-drive of the webhook that died on the 410
		String order = fixtures.place(merchant, Fixtures.order("AUD-1", 42.507, 1.521, null, "en"));
		ok(api.post("/api/v1/orders/" + order + "/stocking", station.key(), "{\"status\":\"STOCKED\"}"));
		assertThat(entries(order)).as("a report is not an operator's action").isEmpty();
		ok(api.post("/api/v1/orders/" + order + "/stocking/correction", ADMIN_KEY,
				"{\"status\":\"FAILED\",\"reason\":\"OUT_OF_STOCK\"}"));
		assertThat(assertSingle(order, "stocking.corrected", "order", admin).details()).contains("FAILED");
		eventually("a dead webhook", () -> count(
				"select count(*) from notification where order_id = ?::uuid and channel = 'WEBHOOK' and status = 'DEAD'",
				order) > 0);
		String dead = jdbc.sql("""
				select id::text from notification where order_id = ?::uuid and channel = 'WEBHOOK' and status = 'DEAD'
				limit 1""").param(order).query(String.class).single();
		receiver().respondWith(200);
		ok(api.post("/api/v1/notifications/msg_" + dead + "/redrive", ADMIN_KEY, null));
		assertSingle("msg_" + dead, "notification.redriven", "notification", admin);

		// the station is deactivated last: its key would stop working
		ok(api.delete("/api/v1/stations/" + station.id(), ADMIN_KEY));
		assertSingle(station.id(), "station.deactivated", "station", admin);
	}

	@Test
	void anOperatorSignedInToTheConsoleIsRecordedByNameAndSeesTheLog() {
		var merchant = fixtures.merchant("Console Tea", receiver().url("/console-audit"));
		var subscription = api.post("/api/v1/webhooks/subscriptions", merchant.key(),
				"{\"url\":\"" + receiver().url("/sub") + "\"}");
		String id = subscription.json().get("subscription").get("id").asString();
		var operator = fixtures.operatorAccount("olivia-audit");
		var session = new WebSession(port);
		session.signIn(operator.username(), operator.password());
		var page = session.get("/console/webhooks");
		var disabled = session.post("/console/webhooks/" + id + "/disable",
				"reason=moving&_csrf=" + WebSession.enc(WebSession.csrfOf(page.body())));
		assertThat(disabled.statusCode()).isEqualTo(302);

		List<Entry> entries = entries(id);
		assertThat(entries).hasSize(1);
		Entry entry = entries.get(0);
		assertThat(entry.action()).isEqualTo("webhook_subscription.disabled");
		assertThat(entry.actorKind()).isEqualTo("ACCOUNT");
		assertThat(entry.actorName()).isEqualTo("olivia-audit");
		assertThat(entry.actorRole()).isEqualTo("ADMIN");
		assertThat(entry.actorId()).isEqualTo(operator.id());
		assertThat(entry.clientAddress()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
		assertThat(entry.details()).contains("moving");

		var log = session.get("/console/audit?actor=olivia-audit");
		assertThat(log.statusCode()).isEqualTo(200);
		assertThat(log.body()).contains("webhook_subscription.disabled").contains(id).contains("olivia-audit");
	}

	@Test
	void theApiListsFiltersAndPagesForOperatorsOnly() {
		var merchant = fixtures.merchant("Listed Tea", receiver().url("/listed"));
		var station = fixtures.station("Encamp", 42.535, 1.583, Fixtures.ENCAMP);
		for (int i = 0; i < 3; i++) {
			ok(api.post("/api/v1/merchants/" + merchant.id() + "/keys", ADMIN_KEY, null));
		}
		var page = api.get("/api/v1/audit?action=key.issued&actor=" + adminKeyId() + "&size=2", ADMIN_KEY);
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		assertThat(page.json().get("items")).hasSize(2);
		assertThat(page.json().get("total").asLong()).isGreaterThanOrEqualTo(3);
		for (JsonNode item : page.json().get("items")) {
			assertThat(item.get("action").asString()).isEqualTo("key.issued");
			assertThat(item.get("actorId").asString()).isEqualTo(adminKeyId());
			assertThat(item.get("details").isObject()).isTrue();
		}
		var family = api.get("/api/v1/audit?action=merchant.&size=500", ADMIN_KEY);
		assertThat(family.json().get("items").valueStream().map(i -> i.get("action").asString()).distinct())
			.allMatch(action -> action.startsWith("merchant."));
		var future = api.get("/api/v1/audit?from=2999-01-01T00:00:00Z", ADMIN_KEY);
		assertThat(future.json().get("items")).isEmpty();

		assertProblem(api.get("/api/v1/audit", merchant.key()), 403);
		assertProblem(api.get("/api/v1/audit", station.key()), 403);
		assertProblem(api.get("/api/v1/audit", null), 401);
		assertProblem(api.get("/api/v1/audit?size=0", ADMIN_KEY), 400);
		// far beyond the end: an empty page, not an overflow
		var beyond = api.get("/api/v1/audit?page=2147483647&size=500", ADMIN_KEY);
		assertThat(beyond.status()).as(beyond.toString()).isEqualTo(200);
		assertThat(beyond.json().get("items")).isEmpty();
	}

	@Test
	void theDatabaseRefusesToChangeOrRemoveAnEntry() {
		var merchant = fixtures.merchant("Immutable Tea", receiver().url("/immutable"));
		assertThat(entries(merchant.id())).hasSize(1);
		assertThatThrownBy(() -> jdbc.sql("update audit_log set action = 'nothing' where target_id = ?")
			.param(merchant.id())
			.update()).isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only: UPDATE refused");
		assertThatThrownBy(() -> jdbc.sql("delete from audit_log where target_id = ?").param(merchant.id()).update())
			.isInstanceOf(DataAccessException.class)
			.hasStackTraceContaining("append-only: DELETE refused");
		assertThat(entries(merchant.id())).extracting(Entry::action).containsExactly("merchant.created");
	}

	private Entry assertSingle(String targetId, String action, String targetType, String actorId) {
		List<Entry> matching = entries(targetId).stream().filter(e -> e.action().equals(action)).toList();
		assertThat(matching).as(action + " of " + targetId).hasSize(1);
		Entry entry = matching.get(0);
		assertThat(entry.targetType()).isEqualTo(targetType);
		assertThat(entry.actorKind()).isEqualTo("KEY");
		assertThat(entry.actorId()).isEqualTo(actorId);
		assertThat(entry.actorRole()).isNotNull();
		assertThat(entry.clientAddress()).as("from where").isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
		return entry;
	}

	private String details(String targetId, String action) {
		return entries(targetId).stream().filter(e -> e.action().equals(action)).findFirst().orElseThrow().details();
	}

	private List<Entry> entries(String targetId) {
		return jdbc.sql("""
				select actor_kind, actor_id, actor_name, actor_role, action, target_type, target_id, details::text,
				       client_address
				from audit_log where target_id = ? order by id""")
			.param(targetId)
			.query((rs, n) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)))
			.list();
	}

	private String adminKeyId() {
		return jdbc.sql("select id::text from api_key where label = 'test'").query(String.class).single();
	}

	private String keyIdOf(String merchantId) {
		return jdbc.sql("select id::text from api_key where merchant_id = ?::uuid order by created_at limit 1")
			.param(merchantId)
			.query(String.class)
			.single();
	}

	private static io.herald.support.Api.Response ok(io.herald.support.Api.Response response) {
		assertThat(response.status()).as(response.toString()).isBetween(200, 299);
		return response;
	}

}
