package io.herald.support;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points each Spring test context at a fresh database on the shared PostgreSQL, and at the shared GreenMail. */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("herald-test-infrastructure", properties()));
	}

	public static Map<String, Object> properties() {
		return Map.of("spring.datasource.url", TestInfrastructure.newDatabase(), "spring.datasource.username",
				"postgres", "spring.mail.host", "127.0.0.1", "spring.mail.port",
				TestInfrastructure.greenMail().getSmtp().getPort());
	}

}
