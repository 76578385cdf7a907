-- What the trust bundle says about partners is versioned by a counter, not by a clock: every
-- change of an agreement (state, scope, address, pinned key) and every new verified bundle from a
-- partner takes the next number. Versions from max(changed_at) in epoch seconds missed a second
-- change within the same second, or one written by a node whose clock lags (as V21 found for
-- status lists). The counter starts above every epoch second already used, so a bundle's version
-- (the signing keys' version plus this one) never goes back for a device that holds an older one.

create sequence partner_bundle_versions;
select setval('partner_bundle_versions', greatest(1, coalesce((select max(extract(epoch from changed_at))::bigint
  from (select changed_at from partners union all
        select changed_at from partner_documents where document = 'trust-bundle') changes), 1)));

alter table partners add column bundle_version bigint not null default nextval('partner_bundle_versions');
alter table partner_documents add column bundle_version bigint;

create function partners_bundle_version() returns trigger language plpgsql as $$
begin
  new.bundle_version := nextval('partner_bundle_versions');
  return new;
end $$;

create trigger partners_bundle_version before update on partners
  for each row when (old is distinct from new) execute function partners_bundle_version();

create function partner_documents_bundle_version() returns trigger language plpgsql as $$
begin
  if new.document = 'trust-bundle' and (tg_op = 'INSERT' or new.body is distinct from old.body) then
    new.bundle_version := nextval('partner_bundle_versions');
  end if;
  return new;
end $$;

create trigger partner_documents_bundle_version before insert or update on partner_documents
  for each row execute function partner_documents_bundle_version();
