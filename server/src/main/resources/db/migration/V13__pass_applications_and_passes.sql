-- Cross-region passes, part 4: applications, their review, the passes issued on approval (each a
-- COMMUTER_PASS row of issued_tokens with its own status index), the proofs each pass rests on, and
-- every transition of a pass with its reason, as the resident sees it.

create table pass_applications (
  id              uuid        primary key,
  enterprise_id   uuid        not null references enterprises (account_id),
  employee_id     uuid        not null references employees (id),
  resident_id     uuid        not null references residents (account_id),
  corridor_id     text        not null references corridors (id),
  vehicle_plate   text,
  note            text,
  state           text        not null check (state in ('SUBMITTED', 'APPROVED', 'REJECTED')),
  submitted_at    timestamptz not null,
  decided_at      timestamptz,
  decided_by      uuid        references accounts (id),
  decision_reason text
);
-- One open application per employee and corridor.
create unique index pass_applications_one_open on pass_applications (employee_id, corridor_id) where state = 'SUBMITTED';
create index pass_applications_state on pass_applications (state, submitted_at);
create index pass_applications_resident on pass_applications (resident_id);
create index pass_applications_enterprise on pass_applications (enterprise_id, submitted_at);

create table passes (
  id             uuid        primary key,
  application_id uuid        not null unique references pass_applications (id),
  account_id     uuid        not null references residents (account_id),
  corridor_id    text        not null references corridors (id),
  enterprise_id  uuid        not null references enterprises (account_id),
  employee_id    uuid        not null references employees (id),
  model          text        not null,
  vehicle_plate  text,
  list_id        bigint      not null,
  idx            integer     not null,
  issued_at      timestamptz not null,
  expires_at     timestamptz not null,
  foreign key (list_id, idx) references issued_tokens (list_id, idx),
  unique (list_id, idx)
);
create index passes_account on passes (account_id);
create index passes_expiry on passes (expires_at);

create table pass_proofs_used (
  pass_id  uuid not null references passes (id),
  proof_id uuid not null references pass_proofs (id),
  primary key (pass_id, proof_id)
);
create index pass_proofs_used_proof on pass_proofs_used (proof_id);

create table pass_events (
  id         bigserial   primary key,
  pass_id    uuid        not null references passes (id),
  at         timestamptz not null,
  event      text        not null check (event in ('ISSUED', 'SUSPENDED', 'RESTORED', 'REVOKED', 'EXPIRED')),
  status     text        not null check (status in ('VALID', 'SUSPENDED', 'REVOKED', 'EXPIRED')),
  cause      text        not null,   -- a stable code the resident's app shows in their language
  reason     text,                   -- the words of whoever caused it, if a person did
  actor_id   uuid,
  actor_role text        not null
);
create index pass_events_pass on pass_events (pass_id, id);
