-- Cheaper writes on the outbox's hot path (issue 10, profiled with pg_stat_statements; docs/benchmarks.md).

-- The unique key (order_id, kind, dedup_key, channel, recipient) starts with order_id and serves every lookup by
-- order: this second index only cost one more index entry for each new row and each row version.
drop index notification_delivery_order_idx;

-- A claim changes only columns no index covers (locked_until, claim_id, attempts). With room left on each page
-- PostgreSQL writes the new row version beside the old one (a HOT update) and adds no index entries; at the default
-- fill factor of 100 a page written full by inserts has no room, and every claim touched every index.
alter table notification_delivery set (fillfactor = 80);
