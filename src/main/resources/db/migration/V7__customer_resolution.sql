-- The customer's choice after a stocking failure (wait for restock, deliver the rest, cancel), for the station.
alter table customer_order add column resolution text
    check (resolution in ('WAIT_FOR_RESTOCK', 'DELIVER_REST', 'CANCEL'));
alter table customer_order add column resolved_at timestamptz;
