package io.herald.access;

import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Passwords an attacker tries first are refused with the reason, at creation, at change and at bootstrap. */
class PasswordIntegrationTests extends IntegrationTestBase {

	@Autowired
	WebAccounts accounts;

	@Test
	void anAdminCannotBeGivenAPasswordAttackersTryFirst() {
		var repetitive = api.post("/api/v1/accounts", ADMIN_KEY, """
				{"username":"root-op","password":"aaaaaaaaaaaa","role":"ADMIN"}""");
		assertThat(repetitive.status()).isEqualTo(400);
		assertThat(repetitive.contentType()).startsWith("application/problem+json");
		assertThat(repetitive.body()).contains("password").contains("repetitive");
		var common = api.post("/api/v1/accounts", ADMIN_KEY, """
				{"username":"root-op","password":"Password123!","role":"ADMIN"}""");
		assertThat(common.status()).isEqualTo(400);
		assertThat(common.body()).contains("most common passwords");
		var ownName = api.post("/api/v1/accounts", ADMIN_KEY, """
				{"username":"root-op","password":"Root-Op-2024!","role":"ADMIN"}""");
		assertThat(ownName.status()).isEqualTo(400);
		assertThat(ownName.body()).contains("account's name");
		assertThat(jdbc.sql("select count(*) from web_account").query(Integer.class).single()).isZero();

		var passphrase = api.post("/api/v1/accounts", ADMIN_KEY, """
				{"username":"root-op","password":"night shift at the depot","role":"ADMIN"}""");
		assertThat(passphrase.status()).isEqualTo(201);
	}

	@Test
	void aChangedPasswordIsCheckedAgainstTheAccountsName() {
		var station = fixtures.station("Andorra la Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		var account = fixtures.stationAccount(station, "alv-night");
		String hash = jdbc.sql("select password_hash from web_account").query(String.class).single();
		var changed = api.put("/api/v1/accounts/" + account.id() + "/password", ADMIN_KEY,
				"{\"password\":\"alv-night-2025\"}");
		assertThat(changed.status()).isEqualTo(400);
		assertThat(changed.contentType()).startsWith("application/problem+json");
		assertThat(changed.body()).contains("account's name");
		assertThat(jdbc.sql("select password_hash from web_account").query(String.class).single()).isEqualTo(hash);
	}

	@Test
	void aWeakBootstrapOperatorPasswordStopsTheStartWithTheReason() {
		assertThatThrownBy(() -> accounts.ensureOperator("operator", "operator2024!"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("herald.security.bootstrap-operator-password")
			.hasMessageContaining("account's name");
		assertThatThrownBy(() -> accounts.ensureOperator("operator", "qwertyuiop12"))
			.hasMessageContaining("most common passwords");
		assertThat(jdbc.sql("select count(*) from web_account").query(Integer.class).single()).isZero();
	}

}
