-- Webhook subscriptions: any number of endpoints per merchant, each with the notification kinds it wants and its own
-- signing secret. The merchant's own webhook_url (merchant table) stays as the legacy endpoint that gets every kind.
create table webhook_subscription (
    id                          uuid        primary key,   -- recipient 'subscription:<id>' of the delivery rows
    merchant_id                 uuid        not null,
    url                         text        not null,
    event_types                 text[]      not null default '{}',   -- NotificationKind names; empty: every kind
    secret                      text        not null,               -- whsec_...
    -- the secret before the last rotation: deliveries are signed with both until it expires, so a receiver can
    -- switch over without losing messages
    previous_secret             text,
    previous_secret_expires_at  timestamptz,
    enabled                     boolean     not null default true,
    disabled_reason             text,                               -- the last error when it was disabled
    disabled_at                 timestamptz,
    consecutive_failures        integer     not null default 0,     -- send attempts failed since the last success
    created_at                  timestamptz not null default now(),
    updated_at                  timestamptz not null default now(),
    check (enabled = (disabled_at is null))
);
create index webhook_subscription_merchant_idx on webhook_subscription (merchant_id, created_at);
