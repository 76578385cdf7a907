-- Accounts of every kind. Residents and enterprises register themselves; staff are created by admins.
-- PARTNER and DEVICE are reserved for partner servers and checkpoint devices.
create table accounts (
  id            uuid        primary key,
  role          text        not null check (role in ('RESIDENT', 'ENTERPRISE', 'COMMUNITY_STAFF', 'OFFICER', 'ADMIN', 'PARTNER', 'DEVICE')),
  username      text        unique,          -- staff user name or enterprise credit code; residents log in by phone
  display_name  text        not null,
  password_hash text        not null,
  created_at    timestamptz not null,
  disabled_at   timestamptz
);

-- Logins compare user names case-insensitively.
create unique index accounts_username_ci on accounts (upper(username));

-- Identity and phone numbers are never stored in clear: AES-GCM ciphertext plus a keyed hash to find them.
create table residents (
  account_id     uuid  primary key references accounts (id),
  id_number_enc  bytea not null,
  id_number_hash bytea not null,
  phone_enc      bytea not null,
  phone_hash     bytea not null,
  constraint residents_id_number_unique unique (id_number_hash),
  constraint residents_phone_unique unique (phone_hash)
);

create table enterprises (
  account_id  uuid primary key references accounts (id),
  credit_code text not null,
  constraint enterprises_credit_code_unique unique (credit_code)
);

-- Rotating refresh tokens, stored as SHA-256 of the token. A family is one login; reuse revokes it.
create table refresh_tokens (
  token_hash bytea       primary key,
  family_id  uuid        not null,
  account_id uuid        not null references accounts (id),
  issued_at  timestamptz not null,
  expires_at timestamptz not null,
  used_at    timestamptz,
  revoked_at timestamptz
);
create index refresh_tokens_family on refresh_tokens (family_id);
create index refresh_tokens_account on refresh_tokens (account_id);

-- Failure counters shared by every node: login per account, per source address, one-time codes.
create table throttle (
  key          text        primary key,
  hits         integer     not null,
  window_start timestamptz not null,
  locked_until timestamptz
);

create table one_time_codes (
  id          uuid        primary key,
  purpose     text        not null check (purpose in ('REGISTER', 'RESET_PASSWORD')),
  target_hash bytea       not null,
  code_hash   bytea       not null,
  created_at  timestamptz not null,
  expires_at  timestamptz not null,
  attempts    integer     not null default 0,
  consumed_at timestamptz
);
create index one_time_codes_target on one_time_codes (target_hash, purpose, created_at desc);
