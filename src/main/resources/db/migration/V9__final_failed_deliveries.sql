-- A delivery an SMS provider's receipt reported as not delivered ends FAILED without a next attempt: the message was
-- accepted and could not reach the handset, so retrying it on the same channel is pointless (the customer's next
-- channel takes it over). FAILED with a next attempt time stays "a retry is scheduled". The claim query
-- (next_attempt_at <= now()) never matches a null, so such a row is never sent again unless it is re-driven.
alter table notification_delivery alter column next_attempt_at drop not null;

-- The deliveries given up on, newest first, for the dead list and its re-drive: DEAD ones and the final FAILED ones.
create index notification_delivery_given_up_idx on notification_delivery (updated_at)
    where status = 'DEAD' or (status = 'FAILED' and next_attempt_at is null);
drop index notification_delivery_dead_idx;
