-- The console's dashboard aggregates (io.tongxing.server.dashboard.Dashboard) read ranges of time:
-- codes issued per day and colour, and scans per checkpoint, hour and verdict. These indexes let
-- PostgreSQL read only the range asked for, and only from the index.
create index issued_tokens_issued on issued_tokens (kind, issued_at) include (colour);
create index scan_records_time on scan_records (scanned_at) include (checkpoint_id, outcome);

-- Health codes issued per day and colour, for days that ended over an hour ago: a day's count never
-- changes after that (a token's issue time and colour are fixed), so the dashboard counts each past
-- day once and only today's codes on every call.
create table dashboard_code_days (
  day    date   not null,
  colour text   not null check (colour in ('GREEN', 'YELLOW', 'RED')),
  codes  bigint not null,
  primary key (day, colour)
);
