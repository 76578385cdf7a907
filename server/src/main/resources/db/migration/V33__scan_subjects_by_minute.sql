-- The subject index of scan_records (exposure queries: where did this pseudonym pass) took each
-- upload's records at random places across the whole index. After every checkpoint PostgreSQL then
-- writes each index page it touches whole to the WAL, and for a while nearly every record of a batch
-- touched one: the sustained-load run saw p99 jump from ~100 ms to 0.5–1.3 s in the minute after each
-- checkpoint started, and none of that with the index dropped (docs/benchmarks.md). Led by the minute
-- of receipt, the index takes an upload's records in the current minute's small subtree only; an
-- exposure query looks up the pseudonym in each minute of its window (one index descent per minute).

alter table scan_records add column received_minute integer;
update scan_records set received_minute = floor(extract(epoch from received_at) / 60)::integer;
alter table scan_records alter column received_minute set not null;

drop index scan_records_subjects;
create index scan_records_subjects on scan_records (received_minute, subject, issuer) where subject is not null;
