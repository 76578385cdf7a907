-- The counties of this region (GB/T 2260 codes) with their names.
create table counties (
  code text primary key check (code ~ '^[0-9]{6}$'),
  name text    not null
);

-- Risk levels over time, for any county (also other regions' counties a resident travelled through).
create table county_risk_levels (
  id             bigserial   primary key,
  county_code    text        not null,
  level          text        not null check (level in ('LOW', 'MEDIUM', 'HIGH')),
  effective_from timestamptz not null,
  reason         text        not null,
  set_by         uuid        not null references accounts (id),
  set_at         timestamptz not null
);
create index county_risk_levels_county on county_risk_levels (county_code, effective_from);

create table check_ins (
  id           bigserial    primary key,
  account_id   uuid         not null references residents (account_id),
  day          date         not null,
  submitted_at timestamptz  not null,
  temperature  numeric(3,1) not null check (temperature between 34.0 and 43.0),
  symptoms     text[]       not null,
  constraint check_ins_one_per_day unique (account_id, day)
);

create table check_in_visits (
  check_in_id bigint  not null references check_ins (id),
  county_code text    not null,
  visited_on  date    not null,
  primary key (check_in_id, county_code, visited_on)
);
create index check_in_visits_county on check_in_visits (county_code, visited_on);

-- Person flags as a history; the latest effective one is the person's current status.
create table person_flags (
  id           bigserial   primary key,
  account_id   uuid        not null references residents (account_id),
  flag         text        not null check (flag in ('CONFIRMED', 'SUSPECTED', 'ASYMPTOMATIC', 'CLOSE_CONTACT', 'SECONDARY_CONTACT', 'RELEASED')),
  effective_at timestamptz not null,
  reason       text        not null,
  set_by       uuid        not null references accounts (id),
  set_at       timestamptz not null
);
create index person_flags_account on person_flags (account_id, effective_at);
