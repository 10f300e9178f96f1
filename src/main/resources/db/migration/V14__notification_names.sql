-- One meaning per word (issue 11): "delivery" is the courier handing over the goods; a message to one recipient on
-- one channel about one order event is a notification (../shared/DESIGN.md's vocabulary). The outbox table takes the
-- name, its indexes (and the constraints they back) follow, and the status a receiver's receipt sets becomes
-- CONFIRMED. Data is kept.
alter table notification_delivery rename to notification;

do $$
declare
    r record;
begin
    for r in select indexname from pg_indexes
             where schemaname = current_schema() and tablename = 'notification'
               and indexname like 'notification\_delivery\_%' loop
        execute format('alter index %I rename to %I', r.indexname,
                       'notification_' || substr(r.indexname, length('notification_delivery_') + 1));
    end loop;
end $$;

alter table notification drop constraint notification_delivery_status_check;
update notification set status = 'CONFIRMED' where status = 'DELIVERED';
alter table notification add constraint notification_status_check
    check (status in ('PENDING', 'SENT', 'CONFIRMED', 'FAILED', 'DEAD', 'STANDBY', 'SKIPPED'));
