-- routing module: delivery routes and their stops ----------------------------------------------------------------
create table route (
    id                uuid primary key,
    station_id        uuid             not null,
    courier_name      text             not null,
    courier_phone     text,
    vehicle_profile   text             not null,
    state             text             not null check (state in ('PLANNED', 'STARTED', 'FINISHED')),
    start_lat         double precision not null,
    start_lon         double precision not null,
    courier_lat       double precision,
    courier_lon       double precision,
    courier_seen_at   timestamptz,
    pace              text             not null, -- what the ETA model has learned about this courier today (JSON)
    planned_at        timestamptz      not null,
    started_at        timestamptz,
    finished_at       timestamptz,
    version           integer          not null default 0
);
create index route_station_idx on route (station_id, state);

create table route_stop (
    route_id              uuid             not null references route (id),
    order_id              uuid             not null,
    merchant_id           uuid             not null,
    position              integer          not null, -- 1-based place in the sequence
    lat                   double precision not null,
    lon                   double precision not null,
    service_seconds       integer          not null,
    promised_from         timestamptz,              -- the delivery slot promised to the customer, if any
    promised_to           timestamptz,
    state                 text             not null check (state in ('PENDING', 'DELIVERED', 'FAILED', 'SKIPPED', 'REMOVED')),
    failure_reason        text,
    failure_note          text,
    eta                   timestamptz,
    eta_earliest          timestamptz,
    eta_latest            timestamptz,
    planned_travel_seconds integer,                 -- travel from the previous point as last planned, for learning
    announced             boolean          not null default false,
    told_earliest         timestamptz,              -- the window the customer was last told
    told_latest           timestamptz,
    told_at               timestamptz,              -- when the last ETA_CHANGED was sent (throttling)
    stops_away_told       integer,                  -- the smallest "N stops away" threshold announced
    completed_at          timestamptz,
    primary key (route_id, order_id)
);
-- an order is on at most one route at a time
create unique index route_stop_pending_order_idx on route_stop (order_id) where state = 'PENDING';
create index route_stop_order_idx on route_stop (order_id);
