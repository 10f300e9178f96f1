-- Retention (docs/architecture.md, "Retention"): each pruner finds what is past its retention through one of these
-- small partial indexes instead of scanning its table. Only finished rows enter them, so the hot paths (placing,
-- stocking, sending) write no more index entries than before, except an order's last update to a final state.

create index customer_order_finished_idx on customer_order (updated_at, id)
    where state in ('DELIVERED', 'CANCELLED', 'DELIVERY_FAILED');

create index route_finished_idx on route (finished_at) where state = 'FINISHED';

create index kafka_dead_letter_by_time_idx on kafka_dead_letter (dead_lettered_at);
