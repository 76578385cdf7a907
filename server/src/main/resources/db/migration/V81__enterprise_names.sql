-- An enterprise's name beside its credit code (issue 19). Pass applications, passes and enterprise
-- documents show it next to a resident's rows; on Citus the enterprise's account and the resident's
-- rows live on different workers, which Citus will not join in one statement, while enterprises is a
-- coordinator table it joins with anything. An enterprise's account name never changes after
-- registration, which writes both.
alter table enterprises add column name text;
update enterprises e set name = a.display_name from accounts a where a.id = e.account_id;
alter table enterprises alter column name set not null;
