-- Herald foundation schema. Each module owns its tables; no foreign keys cross module boundaries.

-- merchant module ---------------------------------------------------------------------------------------------
create table merchant (
    id               uuid primary key,
    name             text        not null unique,
    webhook_url      text,
    -- Standard Webhooks signing secret (whsec_...). It must be readable to sign, so it is not hashed.
    webhook_secret   text,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);

-- access module -----------------------------------------------------------------------------------------------
create table api_key (
    id           uuid primary key,
    key_hash     bytea       not null unique, -- SHA-256 of the full key; keys carry 256 random bits
    key_prefix   text        not null,        -- first characters, to recognise a key in listings
    role         text        not null check (role in ('ADMIN', 'MERCHANT', 'STATION')),
    merchant_id  uuid,
    station_id   uuid,
    label        text,
    created_at   timestamptz not null default now(),
    revoked_at   timestamptz,
    check ((role = 'MERCHANT') = (merchant_id is not null)),
    check ((role = 'STATION') = (station_id is not null))
);

-- station module ----------------------------------------------------------------------------------------------
create table station (
    id            uuid primary key,
    name          text             not null,
    depot_lat     double precision not null check (depot_lat between -90 and 90),
    depot_lon     double precision not null check (depot_lon between -180 and 180),
    service_area  jsonb,                      -- GeoJSON Polygon or MultiPolygon
    region_codes  text[]           not null default '{}',
    active        boolean          not null default true,
    created_at    timestamptz      not null default now(),
    updated_at    timestamptz      not null default now(),
    version       integer          not null default 0
);

-- order module ------------------------------------------------------------------------------------------------
create table customer_order (
    id                  uuid primary key,
    merchant_id         uuid             not null,
    order_number        text             not null,
    fingerprint         text             not null, -- hash of the intake content, to tell a replay from a conflict
    address             text             not null,
    lat                 double precision not null check (lat between -90 and 90),
    lon                 double precision not null check (lon between -180 and 180),
    region_code         text,
    items               jsonb            not null,
    customer_name       text             not null,
    customer_phone      text,
    customer_email      text,
    customer_locale     text             not null,
    customer_time_zone  text             not null,
    placed_at           timestamptz      not null,
    station_id          uuid,
    assigned_by         text,
    state               text             not null,
    stocking_status     text             not null,
    stocking_failure    jsonb,
    stocking_reported_at timestamptz,
    version             integer          not null default 0,
    created_at          timestamptz      not null default now(),
    updated_at          timestamptz      not null default now(),
    unique (merchant_id, order_number)
);
create index customer_order_station_idx on customer_order (station_id, stocking_status);
create index customer_order_merchant_idx on customer_order (merchant_id, created_at desc);
create index customer_order_unassigned_idx on customer_order (created_at) where state = 'UNASSIGNED';

-- The order's story: every accepted transition, in order. Written in the same transaction as the change.
create table order_event (
    id           bigserial primary key,
    order_id     uuid        not null,
    type         text        not null,
    payload      jsonb       not null,
    occurred_at  timestamptz not null
);
create index order_event_order_idx on order_event (order_id, id);

-- notification module -----------------------------------------------------------------------------------------
create table notification_delivery (
    id                 uuid primary key,   -- also the Standard Webhooks webhook-id: stable across retries
    order_id           uuid        not null,
    merchant_id        uuid        not null,
    kind               text        not null,
    -- tells apart messages of one kind that may be sent more than once per order: the event's time for stocking
    -- outcomes (a corrected outcome is a new message, a replayed event is not), a threshold for "N stops away"
    dedup_key          text        not null default '',
    channel            text        not null,
    recipient          text        not null,
    locale             text        not null,
    subject            text,
    body               text        not null,
    payload            text,               -- the exact webhook body, byte for byte, signed at each attempt
    status             text        not null check (status in ('PENDING', 'SENT', 'FAILED', 'DEAD')),
    attempts           integer     not null default 0,
    last_error         text,
    next_attempt_at    timestamptz not null,
    locked_until       timestamptz,
    claim_id           uuid,               -- the claim holding the row; outcomes of a stale claim are ignored
    event_occurred_at  timestamptz not null,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    sent_at            timestamptz,
    -- the idempotency key: a replayed or repeated event never produces a second delivery
    unique (order_id, kind, dedup_key, channel, recipient)
);
create index notification_delivery_due_idx on notification_delivery (next_attempt_at)
    where status in ('PENDING', 'FAILED');
create index notification_delivery_order_idx on notification_delivery (order_id);

-- Spring Modulith event publication registry (schema v2 of spring-modulith-events-jdbc) -----------------------
create table event_publication (
    id                      uuid        not null primary key,
    listener_id             text        not null,
    event_type              text        not null,
    serialized_event        text        not null,
    publication_date        timestamptz not null,
    completion_date         timestamptz,
    status                  text,
    completion_attempts     integer,
    last_resubmission_date  timestamptz
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);

create table event_publication_archive (
    id                      uuid        not null primary key,
    listener_id             text        not null,
    event_type              text        not null,
    serialized_event        text        not null,
    publication_date        timestamptz not null,
    completion_date         timestamptz,
    status                  text,
    completion_attempts     integer,
    last_resubmission_date  timestamptz
);
