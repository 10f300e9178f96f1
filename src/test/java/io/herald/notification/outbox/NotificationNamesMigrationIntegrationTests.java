package io.herald.notification.outbox;

import java.util.UUID;

import io.herald.support.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration V14 renames the outbox to {@code notification} and a receipt's DELIVERED to CONFIRMED, and keeps every
 * row: a database at V13 with rows in it is migrated and read back.
 */
class NotificationNamesMigrationIntegrationTests {

	@Test
	void theOutboxKeepsItsRowsUnderItsNewNameAndAConfirmedStatus() {
		var dataSource = new DriverManagerDataSource(TestInfrastructure.newDatabase(), "postgres", "");
		Flyway.configure().dataSource(dataSource).target("13").load().migrate();
		var jdbc = JdbcClient.create(dataSource);
		UUID confirmed = UUID.randomUUID();
		UUID dead = UUID.randomUUID();
		UUID order = UUID.randomUUID();
		for (Object[] row : new Object[][] { { confirmed, "SMS", "DELIVERED" }, { dead, "WEBHOOK", "DEAD" } }) {
			jdbc.sql("""
					insert into notification_delivery (id, order_id, merchant_id, kind, channel, recipient, locale, body,
					  status, attempts, next_attempt_at, event_occurred_at)
					values (?, ?, ?, 'STOCKED', ?, 'someone', 'en', 'Your order is ready', ?, 1, now(), now())""")
				.params(row[0], order, UUID.randomUUID(), row[1], row[2])
				.update();
		}

		Flyway.configure().dataSource(dataSource).load().migrate();

		assertThat(jdbc.sql("select status from notification where id = ?").param(confirmed).query(String.class)
			.single()).isEqualTo("CONFIRMED");
		assertThat(jdbc.sql("select status from notification where id = ?").param(dead).query(String.class).single())
			.isEqualTo("DEAD");
		assertThat(jdbc.sql("select count(*) from notification where order_id = ?").param(order).query(Long.class)
			.single()).isEqualTo(2);
		assertThat(jdbc.sql("select to_regclass('notification_delivery') is null").query(Boolean.class).single())
			.as("the old name is gone").isTrue();
		assertThat(jdbc.sql("""
				select indexname from pg_indexes where tablename = 'notification' order by indexname""")
			.query(String.class).list()).isNotEmpty().allMatch(name -> !name.startsWith("notification_delivery"));
		// the status check knows the new word and no longer the old one
		assertThat(jdbc.sql("select pg_get_constraintdef(oid) from pg_constraint where conname = 'notification_status_check'")
			.query(String.class).single()).contains("CONFIRMED").doesNotContain("DELIVERED");
	}

}
