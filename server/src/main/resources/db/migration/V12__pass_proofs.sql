-- Cross-region passes, part 3: the proofs an application rests on. Work letters and enterprise
-- commitments (issued by an enterprise for an employee), community permits (issued by community
-- staff for a resident) and personal commitments (signed by the resident). Each is stored with a
-- JWS the region signs on the issuer's behalf, and can be revoked.

create table pass_proofs (
  id             uuid        primary key,
  kind           text        not null check (kind in ('WORK_LETTER', 'ENTERPRISE_COMMITMENT', 'COMMUNITY_PERMIT',
                                                      'PERSONAL_COMMITMENT')),
  resident_id    uuid        references residents (account_id),   -- whom it concerns (null: a partner-region worker)
  employee_id    uuid        references employees (id),           -- enterprise documents
  enterprise_id  uuid        references enterprises (account_id),
  community_code text        references communities (code),       -- community permits
  issued_by      uuid        not null references accounts (id),
  issued_at      timestamptz not null,
  valid_until    timestamptz not null,
  statement      text        not null,
  kid            text        not null,
  document       text        not null,
  revoked_at     timestamptz,
  revoked_by     uuid        references accounts (id),
  revoked_reason text,
  check (valid_until > issued_at),
  check ((kind in ('WORK_LETTER', 'ENTERPRISE_COMMITMENT')) = (employee_id is not null and enterprise_id is not null)),
  check ((kind = 'COMMUNITY_PERMIT') = (community_code is not null)),
  check (kind in ('WORK_LETTER', 'ENTERPRISE_COMMITMENT') or resident_id is not null)
);
create index pass_proofs_resident on pass_proofs (resident_id, kind);
create index pass_proofs_employee on pass_proofs (employee_id, kind);
create index pass_proofs_community on pass_proofs (community_code) where community_code is not null;
