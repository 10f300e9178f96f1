-- Kafka intake: the records Herald could not apply. Each also goes to the dead-letter topic with its full value and
-- the reason in its headers; this table is the console's index of them, written in the same transaction as the batch
-- they came in, so that a re-applied batch (a crash before the offsets were committed) finds them already there.
create table kafka_dead_letter (
    id               uuid primary key,
    topic            text        not null,
    partition_no     integer     not null,
    record_offset    bigint      not null,
    record_key       text,
    event_type       text,
    event_id         text,
    reason           text        not null,
    detail           text        not null,
    -- the start of the record's value, as text where it is (the full value is on the dead-letter topic)
    value_preview    text,
    dead_lettered_at timestamptz not null,
    constraint kafka_dead_letter_record unique (topic, partition_no, record_offset)
);

create index kafka_dead_letter_by_reason on kafka_dead_letter (reason, dead_lettered_at desc);
