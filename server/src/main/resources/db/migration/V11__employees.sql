-- Cross-region passes, part 2: enterprises' employees and their bulk imports.
-- An employee is found by the keyed hash of the ID number (the same hash residents are found by);
-- the number itself is never stored, only its masked form for display.

create table employees (
  id             uuid        primary key,
  enterprise_id  uuid        not null references enterprises (account_id),
  name           text        not null,
  id_number_hash bytea       not null,
  id_masked      text        not null,
  resident_id    uuid        references residents (account_id),  -- a resident of this region ...
  home_region    text        check (home_region ~ '^[0-9]{6}$'),  -- ... or a partner-region worker
  added_at       timestamptz not null,
  import_id      uuid,                                            -- the import that added it, if any
  import_row     integer,
  ended_at       timestamptz,
  ended_reason   text,
  constraint employees_one_per_person unique (enterprise_id, id_number_hash),
  check ((resident_id is null) <> (home_region is null))
);
create index employees_resident on employees (resident_id);

create table employee_imports (
  id             uuid        primary key,
  enterprise_id  uuid        not null references enterprises (account_id),
  state          text        not null check (state in ('CREATED', 'RECEIVING', 'COMPLETED', 'REJECTED', 'FAILED')),
  created_at     timestamptz not null,
  started_at     timestamptz,
  finished_at    timestamptz,
  expected_bytes bigint,
  bytes_received bigint      not null default 0,
  rows_total     integer     not null default 0,
  rows_added     integer     not null default 0,
  rows_unchanged integer     not null default 0,
  rows_rejected  integer     not null default 0,
  failure        text
);
create index employee_imports_enterprise on employee_imports (enterprise_id, created_at);

-- The per-row report: one row per data line of the file (row_no is the line number, the header
-- being line 1). Only REJECTED rows are kept when an import is refused.
create table employee_import_rows (
  import_id    uuid    not null references employee_imports (id),
  row_no       integer not null,
  outcome      text    not null check (outcome in ('ADDED', 'UNCHANGED', 'REJECTED')),
  code         text,
  field        text,
  duplicate_of integer,
  employee_id  uuid,
  primary key (import_id, row_no)
);
