-- Issue 14: a bulletin with effectiveAt "0000-01-01T00:00:00Z" was accepted and stored as 1 BC, and from
-- then on every list that read it failed to decode it (500 for every role); risk levels, flags and
-- exposure queries took such times too. The contract now takes times in the years 2000-2099 only,
-- and so does the code for what arrives outside the contract (partners' messages).
--
-- 1. Rows an earlier build stored outside those years move to the nearest bound. That keeps what they
--    meant to the rules: a flag or risk level "since year 0" is as old as any, a time in year 9999 as
--    far ahead as any.
update bulletins
   set effective_at = greatest(least(effective_at, timestamptz '2099-12-31 23:59:59+00'), timestamptz '2000-01-01 00:00:00+00')
 where effective_at < timestamptz '2000-01-01 00:00:00+00' or effective_at >= timestamptz '2100-01-01 00:00:00+00';
update county_risk_levels
   set effective_from = greatest(least(effective_from, timestamptz '2099-12-31 23:59:59+00'), timestamptz '2000-01-01 00:00:00+00')
 where effective_from < timestamptz '2000-01-01 00:00:00+00' or effective_from >= timestamptz '2100-01-01 00:00:00+00';
update person_flags
   set effective_at = greatest(least(effective_at, timestamptz '2099-12-31 23:59:59+00'), timestamptz '2000-01-01 00:00:00+00')
 where effective_at < timestamptz '2000-01-01 00:00:00+00' or effective_at >= timestamptz '2100-01-01 00:00:00+00';
update exposure_queries
   set since = greatest(least(since, timestamptz '2099-12-31 23:59:59+00'), timestamptz '2000-01-01 00:00:00+00'),
       until = greatest(least(until, timestamptz '2099-12-31 23:59:59+00'), timestamptz '2000-01-01 00:00:00+00')
 where since < timestamptz '2000-01-01 00:00:00+00' or since >= timestamptz '2100-01-01 00:00:00+00'
    or until < timestamptz '2000-01-01 00:00:00+00' or until >= timestamptz '2100-01-01 00:00:00+00';

-- 2. None can be stored again, whatever path it takes: the database refuses it (check_violation, a 400).
alter table bulletins add constraint bulletins_effective_at_years
  check (effective_at >= timestamptz '2000-01-01 00:00:00+00' and effective_at < timestamptz '2100-01-01 00:00:00+00');
alter table county_risk_levels add constraint county_risk_levels_effective_from_years
  check (effective_from >= timestamptz '2000-01-01 00:00:00+00' and effective_from < timestamptz '2100-01-01 00:00:00+00');
alter table person_flags add constraint person_flags_effective_at_years
  check (effective_at >= timestamptz '2000-01-01 00:00:00+00' and effective_at < timestamptz '2100-01-01 00:00:00+00');
alter table exposure_queries add constraint exposure_queries_years
  check (since >= timestamptz '2000-01-01 00:00:00+00' and since < timestamptz '2100-01-01 00:00:00+00'
     and until >= timestamptz '2000-01-01 00:00:00+00' and until < timestamptz '2100-01-01 00:00:00+00');
