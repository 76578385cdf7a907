-- Checkpoint devices download a partner's status list again only when its content changed (issue 6).
-- A partner re-signs its lists every few minutes without changing them, so the body is no measure:
-- each kept list carries the digest of its statuses and a content version drawn from one sequence,
-- moved only when that digest changes.
create sequence partner_list_versions;

alter table partner_documents
  add column content_digest  text,
  add column content_version bigint;

update partner_documents set content_version = nextval('partner_list_versions')
  where body is not null and document like 'status-list/%';
