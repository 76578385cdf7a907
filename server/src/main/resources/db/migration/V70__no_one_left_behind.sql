-- Issue 18, no one left behind: residents without a phone, family members (dependants) with their
-- consent, signed paper cards, and ID-number checks at checkpoints.

-- A resident without a smartphone has no phone number: created at the community desk, looked after by
-- a guardian, never able to log in (no phone to log in with, no password that could match).
alter table residents alter column phone_enc drop not null;
alter table residents alter column phone_hash drop not null;

-- The new token kind, in the issuer's rows and in devices' scan records.
alter table issued_tokens drop constraint issued_tokens_kind_check;
alter table issued_tokens add constraint issued_tokens_kind_check
  check (kind in ('HEALTH_CODE', 'COMMUTER_PASS', 'PAPER_CARD'));
alter table scan_records drop constraint scan_records_kind_check;
alter table scan_records add constraint scan_records_kind_check check (kind in ('hc', 'cp', 'pc'));

-- The member's consent, by a one-time code sent to the member's own phone.
alter table one_time_codes drop constraint one_time_codes_purpose_check;
alter table one_time_codes add constraint one_time_codes_purpose_check
  check (purpose in ('REGISTER', 'RESET_PASSWORD', 'DEPENDANT_CONSENT'));

-- A guardian looks after a family member: checks in for them, shows their code and passes, prints their
-- paper card. The request names the member by name and ID number (kept encrypted and as a keyed hash,
-- like a resident's); the member is linked (member_id) only once consent is recorded, at the community
-- desk in person or by a code to the member's own phone. Either side may end it.
create table dependants (
  id             uuid        primary key,
  guardian_id    uuid        not null references residents (account_id),
  member_id      uuid        references residents (account_id),
  name           text        not null check (char_length(name) between 1 and 64),
  id_number_enc  bytea       not null,
  id_number_hash bytea       not null,
  id_masked      text        not null,
  relation       text        not null check (relation in ('PARENT', 'CHILD', 'SPOUSE', 'GRANDPARENT', 'GRANDCHILD',
                                                          'SIBLING', 'OTHER')),
  state          text        not null check (state in ('PENDING', 'ACTIVE', 'ENDED')),
  consent        text        not null check (consent in ('DESK', 'PHONE_CODE')),
  requested_at   timestamptz not null,
  requested_by   uuid        not null references accounts (id),
  consented_at   timestamptz,
  consented_by   uuid        references accounts (id),
  ended_at       timestamptz,
  ended_by       uuid        references accounts (id),
  ended_reason   text,
  check ((state = 'ACTIVE') = (member_id is not null and consented_at is not null and ended_at is null)),
  check ((state = 'ENDED') = (ended_at is not null))
);
-- One open link per guardian and person; the limits count open links.
create unique index dependants_one_open on dependants (guardian_id, id_number_hash) where state <> 'ENDED';
create index dependants_guardian on dependants (guardian_id) where state <> 'ENDED';
create index dependants_member on dependants (member_id) where state = 'ACTIVE';

-- Paper cards: each a PAPER_CARD row of issued_tokens (its status follows the holder's colour); a
-- reprint replaces the current card, whose token becomes INVALID; staff may withdraw one.
create table paper_cards (
  id           uuid        primary key,
  account_id   uuid        not null references residents (account_id),
  list_id      bigint      not null,
  idx          integer     not null,
  issued_at    timestamptz not null,
  expires_at   timestamptz not null,
  printed_by   uuid        not null references accounts (id),
  printed_role text        not null,
  state        text        not null check (state in ('CURRENT', 'REPLACED', 'WITHDRAWN')),
  ended_at     timestamptz,
  ended_reason text,
  foreign key (list_id, idx) references issued_tokens (list_id, idx),
  unique (list_id, idx),
  check ((state = 'CURRENT') = (ended_at is null))
);
create unique index paper_cards_one_current on paper_cards (account_id) where state = 'CURRENT';
create index paper_cards_issued on paper_cards (issued_at);

-- ID-number checks made by checkpoint devices: who asked, why and what they were told (never the
-- number itself). Counted by the dashboard; each also has its audit row.
create table id_checks (
  id            bigserial   primary key,
  at            timestamptz not null,
  device_id     uuid        not null,
  checkpoint_id text        not null,
  reason        text        not null,
  result        text        not null check (result in ('FOUND', 'NOT_REGISTERED', 'PARTNER_UNAVAILABLE')),
  person_id     uuid
);
create index id_checks_at on id_checks (at);
