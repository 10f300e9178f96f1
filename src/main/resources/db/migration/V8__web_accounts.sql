-- access module: the people who sign in to the station app (a station's account) and the operator console
create table web_account (
    id             uuid primary key,
    username       text        not null,
    password_hash  text        not null,              -- Spring Security's delegating format, e.g. {bcrypt}...
    role           text        not null check (role in ('ADMIN', 'STATION')),
    station_id     uuid        references station (id),
    display_name   text,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    disabled_at    timestamptz,
    check ((role = 'STATION') = (station_id is not null))
);

create unique index web_account_username on web_account (lower(username));
create index web_account_station on web_account (station_id) where station_id is not null;
