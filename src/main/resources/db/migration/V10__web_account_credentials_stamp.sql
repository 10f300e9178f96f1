-- access module: when an account's password last changed; a session signed in before that ends at its next request
alter table web_account add column credentials_changed_at timestamptz not null default now();
