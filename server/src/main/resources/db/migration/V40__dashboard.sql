-- The console's dashboard aggregates (io.tongxing.server.dashboard.Dashboard) read ranges of time:
-- codes issued per day and colour, and scans per checkpoint, hour and verdict. These indexes let
-- PostgreSQL read only the range asked for, and only from the index.
create index issued_tokens_issued on issued_tokens (kind, issued_at) include (colour);
create index scan_records_time on scan_records (scanned_at) include (checkpoint_id, outcome);
