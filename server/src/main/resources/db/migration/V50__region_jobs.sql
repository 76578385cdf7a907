-- Scheduled jobs run once per region, not once per node: a node runs a job only after claiming
-- its row, which it can do only when the last run (by any node) started at least most of an
-- interval ago. Times are the database's, which every node shares.
create table region_jobs (
  job         text primary key,
  node        text not null,
  started_at  timestamptz not null
);
