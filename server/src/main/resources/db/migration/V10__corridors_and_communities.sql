-- Cross-region passes, part 1: corridors (which regions a pass joins, under which model, for how
-- long), the enterprises admitted to each, and residential communities with their staff and residents.

create table corridors (
  id            text        primary key check (id ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
  name_zh       text        not null,
  name_en       text        not null,
  regions       text[]      not null check (cardinality(regions) between 1 and 8),
  model         text        not null check (model in ('ONE_LETTER_ONE_CARD_ONE_PERMIT', 'TWO_COMMITMENTS_ONE_PERMIT',
                                                      'WORK_COMMUTE', 'FREIGHT_VEHICLE')),
  validity_days integer     not null check (validity_days between 1 and 366),
  created_by    uuid        not null references accounts (id),
  created_at    timestamptz not null
);

-- The checkpoints standing on a corridor. Filled by the checkpoints API; until then a placeholder.
create table corridor_checkpoints (
  corridor_id   text not null references corridors (id),
  checkpoint_id text not null,
  primary key (corridor_id, checkpoint_id)
);

-- Enterprises admitted to a corridor: only they may apply for passes on it.
create table corridor_enterprises (
  corridor_id   text        not null references corridors (id),
  enterprise_id uuid        not null references enterprises (account_id),
  added_by      uuid        not null references accounts (id),
  added_at      timestamptz not null,
  primary key (corridor_id, enterprise_id)
);
create index corridor_enterprises_enterprise on corridor_enterprises (enterprise_id);

-- Residential communities (12-digit statistical division codes: county, street, community).
create table communities (
  code       text        primary key check (code ~ '^[0-9]{12}$'),
  name       text        not null,
  created_at timestamptz not null
);

-- The one community each community-staff account works for.
create table staff_communities (
  account_id     uuid        primary key references accounts (id),
  community_code text        not null references communities (code),
  assigned_at    timestamptz not null
);

-- The community a resident says they live in; staff issue permits only to their own community's residents.
create table resident_communities (
  account_id     uuid        primary key references residents (account_id),
  community_code text        not null references communities (code),
  declared_at    timestamptz not null
);
create index resident_communities_community on resident_communities (community_code);
