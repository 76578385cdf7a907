-- Issue 14: an enterprise learned who is registered (201 or 404 RESIDENT_NOT_FOUND for any ID number)
-- and their registered name (on the work letter it then issued). From now on a listing of an
-- employee is answered the same whether or not a resident matches; it is linked to a resident only
-- when both the ID number and the name match the registration, and the resident may refuse.

-- 1. A resident-kind listing may stay unlinked (no resident matched, or not yet registered, or the
--    resident refused); a partner-region worker is never linked. Until now a listing was either
--    linked or a partner worker.
do $$
declare
  old_check text;
begin
  select conname into old_check from pg_constraint
   where conrelid = 'employees'::regclass and contype = 'c'
     and pg_get_constraintdef(oid) like '%resident_id IS NULL%' and pg_get_constraintdef(oid) like '%home_region IS NULL%';
  if old_check is not null then
    execute format('alter table employees drop constraint %I', old_check);
  end if;
end $$;
alter table employees add constraint employees_linked_residents_only check (resident_id is null or home_region is null);

-- Listings not yet linked, found by the ID number's keyed hash when that person registers.
create index employees_unlinked on employees (id_number_hash) where resident_id is null and home_region is null;

-- 2. A resident who refuses an enterprise's listing: none of its listings links to them again while
--    the refusal stands.
create table employer_refusals (
  resident_id   uuid        not null references residents (account_id),
  enterprise_id uuid        not null references enterprises (account_id),
  refused_at    timestamptz not null,
  reason        text,
  primary key (resident_id, enterprise_id)
);

-- 3. An enterprise's letters and commitments concern its employee, not a resident it may not know:
--    the resident who holds one is found through the employee's link, as it stands.
update pass_proofs set resident_id = null where kind in ('WORK_LETTER', 'ENTERPRISE_COMMITMENT');
