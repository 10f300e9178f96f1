package io.herald;

import java.util.HashMap;
import java.util.Map;

import io.herald.support.Api;
import io.herald.support.Fixtures;
import io.herald.support.IdleOutbox;
import io.herald.support.IntegrationTestBase;
import io.herald.support.Nodes;
import io.herald.support.TestDatabaseInitializer;
import io.herald.support.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.herald.support.Nodes.api;
import static io.herald.support.Nodes.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application stops between commit and dispatch, then starts again on the same database: the customer is still
 * told, exactly once.
 */
class RestartIntegrationTests {

	Map<String, Object> properties;

	ConfigurableApplicationContext running;

	@BeforeEach
	void sharedDatabase() throws Exception {
		properties = new HashMap<>(TestDatabaseInitializer.properties());
		properties.put("server.port", "0");
		properties.put("herald.security.bootstrap-admin-key", IntegrationTestBase.ADMIN_KEY);
		properties.put("herald.notifications.dispatch.poll-interval", "50ms");
		properties.put("herald.outbound.allow-private-networks", "true");
		TestInfrastructure.receiver().reset();
		TestInfrastructure.greenMail().purgeEmailFromAllMailboxes();
	}

	@AfterEach
	void stop() {
		if (running != null) {
			running.close();
		}
	}

	ConfigurableApplicationContext start(boolean dispatch) {
		Map<String, Object> props = new HashMap<>(properties);
		props.put("herald.notifications.dispatch.enabled", dispatch);
		running = new SpringApplicationBuilder(HeraldApplication.class).run(Nodes.args(props));
		return running;
	}

	String failStocking(Api api, String path) {
		var merchant = new Fixtures(api).merchant("Acme", TestInfrastructure.receiver().url(path));
		var station = new Fixtures(api).station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		String orderId = new Fixtures(api).place(merchant, Fixtures.order("S-1", 42.507, 1.52, "li@example.com", "zh-CN"));
		var report = api.post("/api/v1/orders/" + orderId + "/stocking", station.key(),
				"{\"status\":\"FAILED\",\"reason\":\"OUT_OF_STOCK\"}");
		assertThat(report.status()).isEqualTo(200);
		return orderId;
	}

	@Test
	void deliveriesCommittedBeforeAStopAreSentOnceAfterTheRestart() throws Exception {
		var first = start(false);
		failStocking(api(first), "/restart-1");
		// the webhook, the email, its copy on the order's live stream, the log
		IntegrationTestBase.eventually("the deliveries are stored",
				() -> count(first, "select count(*) from notification where status = 'PENDING'") == 4);
		first.close();
		assertThat(TestInfrastructure.receiver().received("/restart-1")).isEmpty();

		var second = start(true);
		IntegrationTestBase.eventually("all deliveries are sent",
				() -> count(second, "select count(*) from notification where status = 'SENT'") == 4);
		IdleOutbox.await(second.getBean(JdbcClient.class));
		assertThat(TestInfrastructure.receiver().received("/restart-1")).hasSize(1);
		assertThat(TestInfrastructure.greenMail().getReceivedMessages()).hasSize(1);
		assertThat(count(second, "select count(*) from live_event where type = 'notification.message'")).isEqualTo(1);
	}

	@Test
	void aReportWhoseMessagesCannotBeStoredIsRefusedAndChangesNothing() throws Exception {
		var first = start(true);
		Api api = api(first);
		var fixtures = new Fixtures(api);
		var merchant = fixtures.merchant("Acme", TestInfrastructure.receiver().url("/restart-2"));
		var station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		String orderId = fixtures.place(merchant, Fixtures.order("S-2", 42.507, 1.52, "li@example.com", "zh-CN"));
		// the messages are written in the report's own transaction: while they cannot be, the report is refused
		first.getBean(JdbcClient.class).sql("""
				create function refuse() returns trigger language plpgsql as $$
				begin raise exception 'notification storage unavailable'; end $$;
				create trigger refuse_deliveries before insert on notification
				for each row execute function refuse();""").update();
		String failed = "{\"status\":\"FAILED\",\"reason\":\"OUT_OF_STOCK\"}";
		var refused = api.post("/api/v1/orders/" + orderId + "/stocking", station.key(), failed);
		assertThat(refused.status()).isEqualTo(500);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(api.get("/api/v1/orders/" + orderId, merchant.key()).json().path("stocking").path("status").asString())
			.isEqualTo("PENDING");
		assertThat(count(first, "select count(*) from order_event where type like 'order.stock%'")).isZero();
		first.close();
		try (var connection = java.sql.DriverManager.getConnection((String) properties.get("spring.datasource.url"),
				"postgres", "postgres"); var statement = connection.createStatement()) {
			statement.execute("drop trigger refuse_deliveries on notification");
		}

		// the station repeats the report once the storage is back (here after a restart): told once
		var second = start(true);
		var accepted = api(second).post("/api/v1/orders/" + orderId + "/stocking", station.key(), failed);
		assertThat(accepted.status()).isEqualTo(200);
		IntegrationTestBase.eventually("the webhook arrives",
				() -> TestInfrastructure.receiver().received("/restart-2").size() == 1);
		IdleOutbox.await(second.getBean(JdbcClient.class));
		assertThat(TestInfrastructure.receiver().received("/restart-2")).hasSize(1);
		IntegrationTestBase.eventually("all deliveries are sent",
				() -> count(second, "select count(*) from notification where status = 'SENT'") == 4);
		assertThat(TestInfrastructure.greenMail().getReceivedMessages()).hasSize(1);
	}

}
