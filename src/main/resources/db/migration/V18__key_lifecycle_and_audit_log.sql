-- API keys: an expiry (given at issue, or set by a rotation to the end of its overlap), the key that replaced this one,
-- and the last time it was used (written from memory at most once a minute per node, never per request).
alter table api_key
    add column expires_at   timestamptz,
    add column replaced_by  uuid,
    add column last_used_at timestamptz;

-- Nodes of the cluster, each writing its heartbeat every few seconds: the rate limits divide a caller's allowance by
-- the number of live nodes (access.ratelimit.LiveNodes).
create table herald_node (
    id      uuid primary key,
    seen_at timestamptz not null
);

-- What operators (and anyone changing accounts, keys, stations, merchants, webhooks, stockings) did: who, when, what,
-- from where. Written in the same transaction as the action. Append-only: the triggers below refuse UPDATE and
-- DELETE for every role, the application's included; archiving is an owner's deliberate act (docs/architecture.md).
create table audit_log (
    id             bigserial primary key,
    at             timestamptz not null default now(),
    actor_kind     text        not null check (actor_kind in ('KEY', 'ACCOUNT', 'SYSTEM')),
    actor_id       text,                 -- API key id or account id
    actor_name     text,                 -- account name; a key's label
    actor_role     text,                 -- ADMIN, MERCHANT, STATION
    action         text        not null, -- e.g. key.rotated, account.disabled
    target_type    text        not null,
    target_id      text,
    details        jsonb       not null default '{}',
    client_address text
);

create index audit_log_by_time on audit_log (at desc, id desc);
create index audit_log_by_action on audit_log (action, at desc);
create index audit_log_by_actor on audit_log (actor_id, at desc);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'restrict_violation';
end
$$;

create trigger audit_log_no_update before update on audit_log for each row execute function audit_log_append_only();
create trigger audit_log_no_delete before delete on audit_log for each row execute function audit_log_append_only();
