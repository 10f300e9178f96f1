package io.herald.access;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Two documented ways to get the first operator key: the bootstrap property {@code herald.security.bootstrap-admin-key}
 * (registered at every start, idempotent), or the admin command {@code --create-admin-key[=label]}, which prints a new
 * random key once and exits. Likewise the console's first operator account: {@code
 * herald.security.bootstrap-operator-password} (and {@code -username}, default {@code operator}).
 */
@Component
class AdminKeyBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminKeyBootstrap.class);

	private final ApiKeys keys;

	private final WebAccounts accounts;

	private final AccessSettings settings;

	private final ConfigurableApplicationContext context;

	AdminKeyBootstrap(ApiKeys keys, WebAccounts accounts, AccessSettings settings,
			ConfigurableApplicationContext context) {
		this.keys = keys;
		this.accounts = accounts;
		this.settings = settings;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments args) {
		String bootstrap = settings.bootstrapAdminKey();
		if (StringUtils.hasText(bootstrap)) {
			if (bootstrap.length() < 32) {
				throw new IllegalStateException("herald.security.bootstrap-admin-key must have at least 32 characters");
			}
			keys.ensureAdminKey(bootstrap, "bootstrap");
			log.info("Bootstrap admin key registered");
		}
		// a bootstrap key that was changed or removed stops working
		int revoked = keys.revokeLabelledExcept("bootstrap", StringUtils.hasText(bootstrap) ? bootstrap : null);
		if (revoked > 0) {
			log.info("Revoked {} earlier bootstrap admin key(s)", revoked);
		}
		if (StringUtils.hasText(settings.bootstrapOperatorPassword())) {
			accounts.ensureOperator(settings.bootstrapOperatorUsername(), settings.bootstrapOperatorPassword());
			log.info("Operator account '{}' ready for the console", settings.bootstrapOperatorUsername());
		}
		if (args.containsOption("create-admin-key")) {
			var values = args.getOptionValues("create-admin-key");
			String label = values.isEmpty() || values.get(0).isBlank() ? "admin" : values.get(0);
			IssuedKey issued = keys.issueAdminKey(label);
			// printed to stdout on purpose: this is the only time the key is shown
			System.out.println("Admin key (" + label + "), shown once: " + issued.key());
			System.exit(SpringApplication.exit(context, () -> 0));
		}
	}

}
