package io.herald.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.herald.platform.ConflictException;
import io.herald.platform.InvalidRequestException;
import io.herald.platform.NotFoundException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The accounts people sign in with to the web pages: a station's account for its staff and couriers (station app),
 * and operator accounts (console). Unlike API keys, which are long random secrets a machine presents, these are
 * passwords a person types on a phone, so they are stored with a slow, salted hash (bcrypt through Spring Security's
 * delegating encoder, which lets the algorithm change later without a migration).
 */
@Service
public class WebAccounts {

	/** At least this long: long passphrases beat composition rules (NIST SP 800-63B); see {@link PasswordPolicy}. */
	public static final int MIN_PASSWORD_LENGTH = PasswordPolicy.MIN_LENGTH;

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{2,63}");

	private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	/** Compared against when the user does not exist, so an unknown name takes as long as a wrong password. */
	private static final String DUMMY_HASH = ENCODER.encode("not a password of anyone, only there to take time");

	private final JdbcClient jdbc;

	private final io.herald.platform.AuditTrail audit;

	WebAccounts(JdbcClient jdbc, io.herald.platform.AuditTrail audit) {
		this.audit = audit;
		this.jdbc = jdbc;
	}

	/** An account as listed: never the password hash. */
	public record Account(UUID id, String username, Role role, UUID stationId, String displayName, Instant createdAt,
			Instant disabledAt) {
	}

	/**
	 * @param role {@link Role#STATION} (then {@code stationId} is required) or {@link Role#ADMIN} (an operator)
	 */
	@Transactional
	public Account create(String username, String password, Role role, UUID stationId, String displayName) {
		List<InvalidRequestException.FieldProblem> problems = new java.util.ArrayList<>();
		usernameProblem(username).ifPresent(problems::add);
		passwordProblem(password, username).ifPresent(problems::add);
		if (role == Role.MERCHANT) {
			problems.add(new InvalidRequestException.FieldProblem("role",
					"web accounts are for stations (STATION) and operators (ADMIN)"));
		}
		else if ((role == Role.STATION) != (stationId != null)) {
			problems.add(new InvalidRequestException.FieldProblem("stationId",
					"a STATION account needs a stationId, an ADMIN account none"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidRequestException("The account cannot be created as given", problems);
		}
		UUID id = UUID.randomUUID();
		try {
			jdbc.sql("""
					insert into web_account (id, username, password_hash, role, station_id, display_name)
					values (?, ?, ?, ?, ?, ?)""")
				.params(id, username, ENCODER.encode(password), role.name(), stationId, displayName)
				.update();
		}
		catch (DuplicateKeyException e) {
			throw new ConflictException("username-taken", "An account named '" + username + "' exists already");
		}
		catch (DataIntegrityViolationException e) {
			throw new InvalidRequestException("stationId", "no station " + stationId);
		}
		audit.record("account.created", "web_account", id, java.util.Map.of("username", username, "role", role.name()));
		return get(id);
	}

	/** Creates the operator account with this name unless it exists; sets its password when it does. */
	@Transactional
	public void ensureOperator(String username, String password) {
		checkUsername(username);
		passwordProblem(password, username).ifPresent(p -> {
			// refusing to start beats running with an operator password an attacker tries first
			throw new IllegalStateException("herald.security.bootstrap-operator-password cannot be used: the password "
					+ p.message() + ". Choose another (a passphrase of a few ordinary words is fine).");
		});
		record Existing(UUID id, String hash) {
		}
		Optional<Existing> existing = jdbc
			.sql("select id, password_hash from web_account where lower(username) = lower(?) and role = 'ADMIN'")
			.param(username)
			.query((rs, n) -> new Existing(rs.getObject("id", UUID.class), rs.getString("password_hash")))
			.optional();
		if (existing.isPresent()) {
			// the same password at every start must not end the operator's sessions
			if (!ENCODER.matches(password, existing.get().hash())) {
				changePassword(existing.get().id(), password);
			}
			jdbc.sql("update web_account set disabled_at = null where id = ?").param(existing.get().id()).update();
		}
		else {
			create(username, password, Role.ADMIN, null, "Operator");
		}
	}

	@Transactional
	public void changePassword(UUID id, String password) {
		String username = jdbc.sql("select username from web_account where id = ?").param(id).query(String.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("Account", id));
		passwordProblem(password, username).ifPresent(p -> {
			throw new InvalidRequestException(p.field(), p.message());
		});
		if (jdbc.sql("""
				update web_account set password_hash = ?, credentials_changed_at = clock_timestamp(), updated_at = now()
				where id = ?""")
			.params(ENCODER.encode(password), id)
			.update() == 0) {
			throw new NotFoundException("Account", id);
		}
		audit.record("account.password_changed", "web_account", id);
	}

	/** Disables the account: its sign-in stops working; sessions end at their next request. */
	@Transactional
	public Account disable(UUID id) {
		if (jdbc.sql("update web_account set disabled_at = coalesce(disabled_at, now()), updated_at = now() where id = ?")
			.param(id)
			.update() == 0) {
			throw new NotFoundException("Account", id);
		}
		audit.record("account.disabled", "web_account", id);
		return get(id);
	}

	@Transactional
	public Account enable(UUID id) {
		if (jdbc.sql("update web_account set disabled_at = null, updated_at = now() where id = ?").param(id).update() == 0) {
			throw new NotFoundException("Account", id);
		}
		audit.record("account.enabled", "web_account", id);
		return get(id);
	}

	public Account get(UUID id) {
		return jdbc.sql(SELECT + " where id = ?").param(id).query(WebAccounts::account).optional()
			.orElseThrow(() -> new NotFoundException("Account", id));
	}

	public List<Account> all() {
		return jdbc.sql(SELECT + " order by role, lower(username)").query(WebAccounts::account).list();
	}

	/**
	 * When the account's password last changed, if it still exists and is enabled: a session is checked against this
	 * on every request, and ends when the account is gone, disabled, or its password changed after the sign-in.
	 */
	public Optional<Instant> credentialsStamp(UUID id) {
		return jdbc.sql("select credentials_changed_at from web_account where id = ? and disabled_at is null")
			.param(id)
			.query((rs, n) -> rs.getTimestamp(1).toInstant())
			.optional();
	}

	/**
	 * A successful sign-in: who (the caller and the account's name), and the password's stamp the session keeps
	 * ({@link #credentialsStamp}).
	 */
	public record SignIn(Caller caller, String username, Instant credentialsStamp) implements java.io.Serializable {
	}

	/**
	 * The caller these credentials stand for; empty if the name is unknown, the account disabled or the password
	 * wrong (the three are not told apart).
	 */
	public Optional<SignIn> authenticate(String username, String password) {
		record Row(UUID id, String username, String hash, Role role, UUID stationId, boolean disabled, Instant stamp) {
		}
		Optional<Row> row = jdbc.sql("""
				select id, username, password_hash, role, station_id, disabled_at is not null as disabled,
				       credentials_changed_at
				from web_account where lower(username) = lower(?)""")
			.param(username == null ? "" : username.trim())
			.query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("username"),
					rs.getString("password_hash"),
					Role.valueOf(rs.getString("role")), rs.getObject("station_id", UUID.class), rs.getBoolean("disabled"),
					rs.getTimestamp("credentials_changed_at").toInstant()))
			.optional();
		// bcrypt refuses more than 72 bytes; such a password was never accepted, so it cannot match
		String presented = password == null || password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72
				? "" : password;
		boolean matches = ENCODER.matches(presented, row.map(Row::hash).orElse(DUMMY_HASH));
		return row.filter(r -> matches && !r.disabled())
			.map(r -> new SignIn(new Caller(r.id(), r.role(), null, r.stationId()), r.username(), r.stamp()));
	}

	private static final String SELECT = """
			select id, username, role, station_id, display_name, created_at, disabled_at from web_account""";

	private static Account account(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Account(rs.getObject("id", UUID.class), rs.getString("username"), Role.valueOf(rs.getString("role")),
				rs.getObject("station_id", UUID.class), rs.getString("display_name"),
				rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("disabled_at") == null ? null : rs.getTimestamp("disabled_at").toInstant());
	}

	private static void checkUsername(String username) {
		usernameProblem(username).ifPresent(p -> {
			throw new InvalidRequestException(p.field(), p.message());
		});
	}

	private static Optional<InvalidRequestException.FieldProblem> usernameProblem(String username) {
		return username == null || !USERNAME.matcher(username).matches()
				? Optional.of(new InvalidRequestException.FieldProblem("username",
						"3 to 64 letters, digits or . _ @ -, starting with a letter or digit"))
				: Optional.empty();
	}

	private static Optional<InvalidRequestException.FieldProblem> passwordProblem(String password, String username) {
		return PasswordPolicy.problem(password, username)
			.map(why -> new InvalidRequestException.FieldProblem("password", why));
	}

}
