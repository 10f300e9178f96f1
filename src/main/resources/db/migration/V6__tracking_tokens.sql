-- The customer's tracking link: an unguessable token (192 random bits, base64url) per order. Kept as given, not
-- hashed, because every message rendered later must carry the same link; it opens one order's tracking page and
-- nothing else, and stops working a configured time after the order's story ends.
create table order_tracking (
    order_id    uuid primary key,
    token       text        not null unique,
    created_at  timestamptz not null default now()
);
