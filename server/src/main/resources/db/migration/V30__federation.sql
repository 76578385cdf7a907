-- Partner regions this region recognizes (issue 6). Each partner has a PARTNER account, the actor of
-- what it causes here (flags set by its notices, audit rows).
create table partners (
  id                  uuid        primary key references accounts (id),
  region_code         text        not null unique check (region_code ~ '^[1-9][0-9]{5}$'),
  name                text        not null,
  name_en             text        not null,
  base_url            text        not null,
  trust_key_thumbprint text       not null,
  trust_key_jwk       jsonb,                         -- the pinned key, once fetched and matched to the thumbprint
  contact_key_enc     bytea       not null,          -- the agreed HMAC key for ID-number hashes, sealed like ID numbers
  scope               jsonb       not null,          -- [{kind, corridor, direction}]
  state               text        not null check (state in ('ACTIVE', 'SUSPENDED', 'ENDED')),
  created_at          timestamptz not null,
  changed_at          timestamptz not null
);

-- The last good copy of each document fetched from a partner: its trust bundle and its status lists.
-- Replaced only by a copy whose signature verified; failures only update checked_at and last_error.
create table partner_documents (
  partner_id  uuid        not null references partners (id),
  document    text        not null,                  -- 'trust-bundle' or 'status-list/<n>'
  body        text,
  etag        text,
  ttl_seconds integer,
  fetched_at  timestamptz,                           -- when the body last changed or was confirmed (200 or 304)
  changed_at  timestamptz,                           -- when the body last changed
  checked_at  timestamptz not null,
  last_error  text,
  primary key (partner_id, document)
);

-- Nonces of signed requests seen within the replay window.
create table federation_nonces (
  partner_id uuid        not null references partners (id),
  nonce      text        not null,
  seen_at    timestamptz not null,
  primary key (partner_id, nonce)
);

-- Messages received, by id: a second delivery of the same id answers the first acknowledgement.
create table federation_inbox (
  message_id  uuid        primary key,
  partner_id  uuid        not null references partners (id),
  type        text        not null,
  body        jsonb       not null,
  received_at timestamptz not null,
  signature   text        not null,                  -- the signed request that carried it, kept as evidence
  ack         jsonb       not null
);

-- Messages to send, written in the transaction of the change they announce; delivered with retries.
create table federation_outbox (
  message_id      uuid        primary key,
  partner_id      uuid        not null references partners (id),
  type            text        not null,
  body            jsonb       not null,
  created_at      timestamptz not null,
  attempts        integer     not null default 0,
  next_attempt_at timestamptz not null,
  delivered_at    timestamptz,
  refused_at      timestamptz,                       -- the partner refused it for good (4xx): not retried
  ack             jsonb,
  last_error      text
);
create index federation_outbox_due on federation_outbox (next_attempt_at) where delivered_at is null and refused_at is null;

-- Keyed hashes of residents' ID numbers under each partner's agreed key, filled on demand.
create table partner_resident_hashes (
  partner_id uuid  not null references partners (id),
  hash       bytea not null,
  account_id uuid  not null references residents (account_id),
  primary key (partner_id, hash),
  unique (partner_id, account_id)
);

-- Control-measure bulletins, published here or received from partners.
create table bulletins (
  id           uuid        primary key,
  origin       text        not null,                -- region code of the publisher
  title        text        not null,
  text         text        not null,
  counties     text[]      not null,
  effective_at timestamptz not null,
  published_at timestamptz not null,
  received_at  timestamptz
);
