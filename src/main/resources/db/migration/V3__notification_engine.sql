-- The notification engine: SMS receipts, failover between a customer's channels, customer preferences.

-- DELIVERED: the provider's receipt confirmed the message reached the handset (SMS).
-- STANDBY: the same message rendered for the customer's next channel, sent only if the preferred one fails for good.
-- SKIPPED: not sent, on purpose, with the reason in last_error (opted out, rate limit, standby no longer needed).
alter table notification_delivery drop constraint notification_delivery_status_check;
alter table notification_delivery add constraint notification_delivery_status_check
    check (status in ('PENDING', 'SENT', 'DELIVERED', 'FAILED', 'DEAD', 'STANDBY', 'SKIPPED'));

-- the receiver's id for the accepted message (an SMS provider's message id), matched against its receipts
alter table notification_delivery add column provider_ref text;
create unique index notification_delivery_provider_ref_idx on notification_delivery (channel, provider_ref)
    where provider_ref is not null;

-- 0 for the customer's preferred channel, 1 for the first fallback, ...; webhooks and the log are always 0
alter table notification_delivery add column channel_rank integer not null default 0;

-- email: the HTML alternative of the body, and the one-click unsubscribe link (List-Unsubscribe)
alter table notification_delivery add column body_html text;
alter table notification_delivery add column unsubscribe_url text;

create index notification_delivery_dead_idx on notification_delivery (updated_at) where status = 'DEAD';

-- What a customer of a merchant wants to hear, and how. The customer is known by their email (lower case) or, without
-- one, their phone number, as given on their orders.
create table customer_preference (
    merchant_id   uuid        not null,
    customer_key  text        not null,
    channels      text[]      not null default '{}',   -- in order of preference; empty: the configured default
    opt_outs      text[]      not null default '{}',   -- 'KIND:CHANNEL', 'KIND:*' or '*:CHANNEL'
    quiet_start   time,                                 -- local time in time_zone; null: no quiet hours
    quiet_end     time,
    time_zone     text,                                 -- null: the time zone of the order
    updated_at    timestamptz not null default now(),
    primary key (merchant_id, customer_key)
);

-- Secrets Herald generates for itself on first start (the unsubscribe link key), so links survive restarts and are
-- shared by every instance on this database. A configured secret takes precedence.
create table app_secret (
    name        text primary key,
    value       text        not null,
    created_at  timestamptz not null default now()
);
