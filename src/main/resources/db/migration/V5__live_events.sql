-- notification module: the live channel ----------------------------------------------------------------------------
-- What a tracking page or a station screen is told over server-sent events, written in the transaction of the change.
-- The stream cursor is (txid, id), not id alone: a bigserial is drawn when a row is inserted, not when it commits, so a
-- smaller id can become visible after a larger one. Readers emit only rows whose txid is below the oldest transaction
-- still running (pg_snapshot_xmin): those transactions are finished, so no row can appear behind the cursor later.
create table live_event (
    id           bigserial   primary key,
    txid         xid8        not null default pg_current_xact_id(), -- the writing (top-level) transaction
    order_id     uuid        not null,
    station_id   uuid,                                              -- the order's station at the time, if any
    type         text        not null,                              -- e.g. order.stocking_failed, route.eta_changed
    payload      text        not null,                              -- the SSE data, byte for byte
    occurred_at  timestamptz not null,
    created_at   timestamptz not null default now()
);
-- the node's poller, which reads past a global cursor
create index live_event_cursor_idx on live_event (txid, id);
-- replay of one order's story or one station's events after a client's Last-Event-ID
create index live_event_order_idx on live_event (order_id, txid, id);
create index live_event_station_idx on live_event (station_id, txid, id) where station_id is not null;
