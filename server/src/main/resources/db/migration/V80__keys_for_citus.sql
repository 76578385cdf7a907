-- Keys that hold the same on one PostgreSQL and on Citus (issue 19, docs/operations.md). On Citus a
-- resident's rows are spread over workers by account and a device's by device; a row must say whose
-- it is, and a rule that spans every resident (one account per ID number) cannot rest on a unique
-- index of a table spread by account. This migration runs on both, so the server runs the same SQL on
-- both; the Citus step (db/citus/layout.txt) then only places the tables.

-- 1. A status change takes its content version (V21) in the statement that makes it. A trigger
-- cannot: on Citus it would run on a worker, where the region's sequence does not exist.
drop trigger issued_tokens_status_version on issued_tokens;
drop function issued_tokens_status_version();

-- 2. Visits carry the resident, so they are stored beside the resident's check-ins.
alter table check_in_visits add column account_id uuid;
update check_in_visits v set account_id = c.account_id from check_ins c where c.id = v.check_in_id;
alter table check_in_visits alter column account_id set not null;

-- 3. A pass's events carry its holder, for the same reason.
alter table pass_events add column account_id uuid;
update pass_events e set account_id = p.account_id from passes p where p.id = e.pass_id;
alter table pass_events alter column account_id set not null;

-- 4. Values that are unique across the region, each in a table keyed by the value itself (on Citus
-- spread by that value, so the primary key is checked where the value lives). The rows are written in
-- the transaction that creates the account or device, before it; the old unique constraints stay on
-- one PostgreSQL and are widened by the Citus step. No foreign keys: on Citus the owner lives elsewhere.
create table resident_id_numbers (
  id_number_hash bytea primary key,
  account_id     uuid  not null
);
create table resident_phones (
  phone_hash bytea primary key,
  account_id uuid  not null
);
create table resident_pseudonyms (
  pseudonym  text primary key,
  account_id uuid not null
);
-- Staff user names and enterprise credit codes, upper-cased (logins compare them case-insensitively).
create table account_usernames (
  username   text primary key,
  account_id uuid not null
);
create table device_public_keys (
  public_key text primary key,
  device_id  uuid not null
);

insert into resident_id_numbers select id_number_hash, account_id from residents;
insert into resident_phones select phone_hash, account_id from residents where phone_hash is not null;
insert into resident_pseudonyms select pseudonym, account_id from residents;
insert into account_usernames select upper(username), id from accounts where username is not null;
insert into device_public_keys select public_key, id from devices;
