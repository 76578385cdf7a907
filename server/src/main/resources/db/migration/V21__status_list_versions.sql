-- A status list's content version must grow with every status change, whatever the clocks of the
-- nodes that made the changes. max(status_changed_at) does not: a revocation written by a node
-- whose clock is a little behind leaves the maximum unchanged, and the list would not be rebuilt
-- nor sent to devices as changed. Every change of a token's status takes the next value of one
-- sequence instead; a list's version is the highest of its tokens.
create sequence status_version_seq;

alter table issued_tokens add column status_version bigint not null default 0;

create function issued_tokens_status_version() returns trigger language plpgsql as $$
begin
  if (tg_op = 'INSERT' and new.status <> 0) or (tg_op = 'UPDATE' and new.status is distinct from old.status) then
    new.status_version := nextval('status_version_seq');
  end if;
  return new;
end $$;

create trigger issued_tokens_status_version before insert or update of status on issued_tokens
  for each row execute function issued_tokens_status_version();

create index issued_tokens_versions on issued_tokens (list_id, status_version);
