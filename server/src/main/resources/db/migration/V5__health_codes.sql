-- Health-code issuance: the resident's pseudonym (the token's sub) and registered phone key, the
-- region's signing keys, and every issued token with its place in the status lists.

alter table residents add column pseudonym text;
-- Residents registered before this migration get a random pseudonym: 8 base64url characters.
update residents
   set pseudonym = translate(substr(encode(sha256(convert_to(account_id::text || random()::text || clock_timestamp()::text, 'UTF8')), 'base64'), 1, 8), '+/', '-_')
 where pseudonym is null;
alter table residents alter column pseudonym set not null;
alter table residents add constraint residents_pseudonym_unique unique (pseudonym);
-- The holder key of the resident's phone (compressed P-256 point, base64url); tokens are bound to it.
alter table residents add column holder_key text;

-- ES256 keys. TOKEN keys sign codes, passes and status lists; the TRUST key signs trust bundles.
-- A key signs from valid_from until valid_until and is published until publish_until (its last
-- token's expiry). Private keys are AES-GCM sealed with the data key.
create table signing_keys (
  purpose       text        not null check (purpose in ('TOKEN', 'TRUST')),
  kid           text        not null,
  public_jwk    jsonb       not null,
  private_enc   bytea       not null,
  created_at    timestamptz not null,
  valid_from    timestamptz not null,
  valid_until   timestamptz,
  publish_until timestamptz,
  primary key (purpose, kid),
  check (valid_until is null or valid_until >= valid_from)
);

-- Status-list positions: one global counter; list = n / size + 1, and the position within the list
-- is a keyed permutation of n mod size, so indices look random and are never used twice.
create sequence status_index_seq minvalue 0 start 0;

create table issued_tokens (
  list_id           bigint      not null,
  idx               integer     not null,
  kind              text        not null check (kind in ('HEALTH_CODE', 'COMMUTER_PASS')),
  account_id        uuid        not null references accounts (id),
  kid               text        not null,
  issued_at         timestamptz not null,
  expires_at        timestamptz not null,
  colour            text        check (colour in ('GREEN', 'YELLOW', 'RED')),
  holder_key        text,
  status            smallint    not null default 0 check (status in (0, 1, 2)),
  status_reason     text,
  status_changed_at timestamptz,
  token             text        not null,
  primary key (list_id, idx)
);
create index issued_tokens_holder on issued_tokens (account_id, kind, issued_at desc);
-- The status-list builder reads only tokens that are not VALID, and the newest change of a list.
create index issued_tokens_not_valid on issued_tokens (list_id, idx) where status <> 0;
create index issued_tokens_changes on issued_tokens (list_id, status_changed_at);
