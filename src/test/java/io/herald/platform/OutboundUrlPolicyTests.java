package io.herald.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundUrlPolicyTests {

	final OutboundUrlPolicy strict = new OutboundUrlPolicy(new OutboundUrlPolicy.Settings(false));

	@Test
	void merchantsCannotPointWebhooksIntoHeraldsOwnNetwork() {
		assertThat(strict.refusal("http://127.0.0.1:8080/actuator/prometheus")).isPresent();
		assertThat(strict.refusal("http://localhost/x")).isPresent();
		assertThat(strict.refusal("http://10.1.2.3/hook")).isPresent();
		assertThat(strict.refusal("http://192.168.1.10/hook")).isPresent();
		assertThat(strict.refusal("http://169.254.169.254/latest/meta-data")).isPresent();
		assertThat(strict.refusal("http://[::1]/hook")).isPresent();
		assertThat(strict.refusal("http://[fd00::1]/hook")).isPresent();
		assertThat(strict.refusal("ftp://93.184.216.34/hook")).isPresent();
	}

	@Test
	void publicAddressesAreAllowed() {
		assertThat(strict.refusal("https://93.184.216.34/hooks/herald")).isEmpty();
	}

	@Test
	void developmentMayAllowLoopback() {
		var relaxed = new OutboundUrlPolicy(new OutboundUrlPolicy.Settings(true));
		assertThat(relaxed.refusal("http://127.0.0.1:9000/hook")).isEmpty();
		assertThat(relaxed.refusal("gopher://127.0.0.1/")).isPresent();
	}

}
