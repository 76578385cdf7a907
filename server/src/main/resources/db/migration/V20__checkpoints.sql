-- Checkpoints (issue 5): checkpoints and their versioned policies, the officers bound to them,
-- one-time enrollment codes, enrolled devices with their own keys, the request nonces devices spent,
-- the scan records they upload, and exposure queries over those records.

create table checkpoints (
  id          text        primary key check (id ~ '^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$'),
  name_zh     text        not null,
  name_en     text        not null,
  region      text        not null check (region ~ '^[1-8][0-9]{5}$'),
  -- A plain string until corridors exist as records of their own (built on another branch).
  corridor_id text,
  location    text        not null,
  direction   text        not null check (direction in ('INBOUND', 'OUTBOUND', 'BOTH')),
  created_at  timestamptz not null,
  created_by  uuid        references accounts (id)
);

-- Every version of a checkpoint's policy; the highest is in force. `policy` is the JSON of
-- docs/token-format.md §8 (CheckpointPolicy.toJson), exactly as devices receive it.
create table checkpoint_policies (
  checkpoint_id text        not null references checkpoints (id),
  version       integer     not null check (version >= 1),
  policy        jsonb       not null,
  reason        text        not null,
  created_at    timestamptz not null,
  created_by    uuid        references accounts (id),
  primary key (checkpoint_id, version)
);

create table checkpoint_officers (
  checkpoint_id text        not null references checkpoints (id),
  officer_id    uuid        not null references accounts (id),
  bound_at      timestamptz not null,
  bound_by      uuid        references accounts (id),
  primary key (checkpoint_id, officer_id)
);
create index checkpoint_officers_officer on checkpoint_officers (officer_id);

-- One-time enrollment codes, kept only as a keyed hash; spent by the enrollment that uses them.
create table enrollment_codes (
  code_hash     bytea       primary key,
  checkpoint_id text        not null references checkpoints (id),
  created_at    timestamptz not null,
  created_by    uuid        references accounts (id),
  expires_at    timestamptz not null,
  used_at       timestamptz,
  device_id     uuid
);

-- Enrolled devices. A device signs every request with its own P-256 key; the public half is kept
-- as a compressed point (base64url). The counters let admins see gaps in the device's sequence
-- numbers without reading its records: records_counted of the numbers first_sequence..max_sequence
-- have arrived.
create table devices (
  id              uuid        primary key,
  checkpoint_id   text        not null references checkpoints (id),
  public_key      text        not null,
  label           text,
  enrolled_at     timestamptz not null,
  enrolled_by     uuid        not null references accounts (id),
  first_sequence  bigint      not null default 1 check (first_sequence >= 1),
  max_sequence    bigint      not null default 0,
  records_counted bigint      not null default 0,
  last_seen_at    timestamptz,
  last_upload_at  timestamptz,
  disabled_at     timestamptz,
  disabled_by     uuid        references accounts (id),
  disabled_reason text,
  constraint devices_public_key_unique unique (public_key)
);
create index devices_checkpoint on devices (checkpoint_id);

-- The jti of every signed device request within the replay window; older rows are swept away.
create table device_nonces (
  device_id uuid        not null,
  jti       text        not null,
  seen_at   timestamptz not null,
  constraint device_nonces_pkey primary key (device_id, jti)
);
create index device_nonces_seen on device_nonces (seen_at);

-- What devices saw: one row per scan, keyed by (device, device sequence number), so an upload
-- repeated after a lost acknowledgement changes nothing. Never more personal data than the token
-- carried: the issuer's pseudonym of the holder (sub), never a name or ID number, and nothing of a
-- token whose signature did not verify. No foreign keys: this is the ingestion hot path, and it
-- only writes the device and checkpoint it has just authenticated; a referential check would cost
-- a lookup and a row lock per record.
create table scan_records (
  device_id     uuid        not null,
  sequence      bigint      not null check (sequence >= 1),
  checkpoint_id text        not null,
  scanned_at    timestamptz not null,
  outcome       text        not null check (outcome in ('PASS', 'STOP', 'REVIEW')),
  reason        text        not null,
  kind          text        check (kind in ('hc', 'cp')),
  issuer        text        check (char_length(issuer) = 6),
  subject       text        check (char_length(subject) between 1 and 32),
  received_at   timestamptz not null,
  primary key (device_id, sequence),
  check ((kind is null) = (subject is null) and (issuer is null) = (subject is null))
);
-- Exposure queries: who passed this checkpoint around this time, and where did this pseudonym pass.
create index scan_records_passages on scan_records (checkpoint_id, scanned_at);
create index scan_records_subjects on scan_records (subject, issuer) where subject is not null;

-- Exposure queries, kept with what they found, so that the one-step flagging acts on the answer the
-- admin saw (and flags nobody twice).
create table exposure_queries (
  id             bigserial   primary key,
  asked_at       timestamptz not null,
  asked_by       uuid        not null references accounts (id),
  reason         text        not null,
  case_issuer    text        not null,
  case_subject   text        not null,
  case_person    uuid        references accounts (id),
  window_minutes integer     not null check (window_minutes between 1 and 1440),
  since          timestamptz not null,
  until          timestamptz not null,
  passages       jsonb       not null
);

create table exposure_contacts (
  query_id   bigint      not null references exposure_queries (id),
  issuer     text        not null,
  subject    text        not null,
  person_id  uuid        references accounts (id),
  first_at   timestamptz not null,
  passages   jsonb       not null,
  flagged_at timestamptz,
  primary key (query_id, issuer, subject)
);
