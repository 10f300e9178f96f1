package io.herald.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.herald.access.Caller;
import io.herald.access.WebAccounts;
import io.herald.platform.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads the audit log. The actor is whoever the current request is authenticated as (an API key, or an
 * account signed in to the console), the address is the request's; without a request (startup, scheduled work) the
 * actor is SYSTEM. No method changes or removes an entry, and the table's triggers refuse it to anyone who tries.
 */
@Service
public class AuditLog implements AuditTrail {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	AuditLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Joins the changing transaction (REQUIRED): the entry commits with the change or not at all. */
	@Override
	@Transactional
	public void record(String action, String targetType, Object targetId, Map<String, ?> details) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		String kind = "SYSTEM";
		String actorId = null;
		String actorName = null;
		String role = null;
		if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
			boolean account = authentication.getDetails() instanceof WebAccounts.SignIn;
			kind = account ? "ACCOUNT" : "KEY";
			actorId = caller.keyId() == null ? null : caller.keyId().toString();
			actorName = authentication.getDetails() instanceof WebAccounts.SignIn signIn ? signIn.username() : null;
			role = caller.role().name();
		}
		jdbc.sql("""
				insert into audit_log (actor_kind, actor_id, actor_name, actor_role, action, target_type, target_id,
				                       details, client_address)
				values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)""")
			.params(kind, actorId, actorName, role, action, targetType, targetId == null ? null : targetId.toString(),
					JSON.writeValueAsString(details == null ? Map.of() : details), clientAddress())
			.update();
	}

	private static String clientAddress() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getRemoteAddr();
		}
		return null;
	}

	/** A page of entries, newest first. */
	public AuditPage search(AuditFilter filter, int page, int size) {
		StringBuilder where = new StringBuilder(" where true");
		List<Object> params = new ArrayList<>();
		if (filter.action() != null && !filter.action().isBlank()) {
			if (filter.action().endsWith(".")) {
				where.append(" and starts_with(action, ?)");
			}
			else {
				where.append(" and action = ?");
			}
			params.add(filter.action());
		}
		if (filter.actor() != null && !filter.actor().isBlank()) {
			where.append(" and (actor_id = ? or actor_name = ?)");
			params.add(filter.actor());
			params.add(filter.actor());
		}
		if (filter.from() != null) {
			where.append(" and at >= ?");
			params.add(java.sql.Timestamp.from(filter.from()));
		}
		if (filter.to() != null) {
			where.append(" and at < ?");
			params.add(java.sql.Timestamp.from(filter.to()));
		}
		long total = jdbc.sql("select count(*) from audit_log" + where).params(params).query(Long.class).single();
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(size);
		pageParams.add((long) page * size);
		List<AuditEntry> items = jdbc.sql("""
				select id, at, actor_kind, actor_id, actor_name, actor_role, action, target_type, target_id,
				       details::text as details, client_address
				from audit_log""" + where + " order by at desc, id desc limit ? offset ?")
			.params(pageParams)
			.query((rs, n) -> new AuditEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
					rs.getString("actor_kind"), rs.getString("actor_id"), rs.getString("actor_name"),
					rs.getString("actor_role"), rs.getString("action"), rs.getString("target_type"),
					rs.getString("target_id"), JSON.readTree(rs.getString("details")), rs.getString("client_address")))
			.list();
		return new AuditPage(items, page, size, total);
	}

	public record AuditPage(List<AuditEntry> items, int page, int size, long total) {
	}

}
