-- Colour rules are data: every change is a new version; the highest version is in force.
create table rule_sets (
  version    integer     primary key,
  definition jsonb       not null,
  reason     text        not null,
  created_by uuid        references accounts (id),
  created_at timestamptz not null
);

-- The current colour of each resident and the rule (id + version) that produced it.
-- Health-code issuance reads this row; colour_changes is its history.
create table colour_states (
  account_id   uuid        primary key references residents (account_id),
  colour       text        not null check (colour in ('GREEN', 'YELLOW', 'RED')),
  rule_id      text        not null,
  rule_version integer     not null,
  green_from   date,
  computed_at  timestamptz not null,
  changed_at   timestamptz not null,
  explanation  jsonb       not null
);
create index colour_states_not_green on colour_states (colour) where colour <> 'GREEN';

create table colour_changes (
  id           bigserial   primary key,
  account_id   uuid        not null references residents (account_id),
  from_colour  text,
  to_colour    text        not null,
  rule_id      text        not null,
  rule_version integer     not null,
  changed_at   timestamptz not null,
  cause        text        not null
);
create index colour_changes_account on colour_changes (account_id, changed_at);
