-- notification module: a message's copy on the order's live stream is stored once, even when two senders race (a
-- claim taken over after its lease ran out while the first sender was still writing)
create unique index live_event_message_once on live_event (order_id, (payload::jsonb ->> 'notificationId'))
    where type = 'notification.message';
