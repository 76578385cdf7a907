-- Who did what, when and why. Rows are only ever added: the triggers below refuse UPDATE, DELETE
-- and TRUNCATE for every role, including the table's owner.
create table audit_log (
  id           bigserial   primary key,
  at           timestamptz not null,
  actor_id     uuid,
  actor_role   text        not null,
  action       text        not null,
  subject_type text        not null,
  subject_id   text,
  reason       text,
  details      jsonb       not null default '{}'
);
create index audit_log_subject on audit_log (subject_type, subject_id);

create function audit_log_refuse_change() returns trigger
  language plpgsql as $$
begin
  raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_log_no_update_or_delete
  before update or delete on audit_log
  for each row execute function audit_log_refuse_change();

create trigger audit_log_no_truncate
  before truncate on audit_log
  for each statement execute function audit_log_refuse_change();
