package io.tongxing.server.bench;

import io.vertx.pgclient.PgConnectOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The database's own cost of a check-in, as pgbench measures it: one transaction per check-in
 * running the statements the server runs for one check-in — lock the resident and see whether
 * today is taken, insert the check-in and its visit, read the colour state, the flags, the check-in
 * history and the visited county's risk levels, upsert the colour state, read the person, take a
 * status index, insert the signed code and its audit row — on copies of the server's tables in schema
 * {@code reference} (same columns, indexes, constraints, foreign keys to the real residents and
 * triggers) with the row contents copied from what the server wrote. The copies keep the server's
 * tables free of the reference's rows; its days lie in the year 2100, one day a round of residents,
 * so each resident's history grows as the benchmark's does.
 *
 * <p>It runs with {@code -M prepared}, as the server prepares its statements. One statement more than
 * the server's: the first picks the next resident (the server learns that from the request).
 */
final class CheckInReference {

  private static final String[] TABLES = {"check_ins", "check_in_visits", "colour_states", "issued_tokens", "audit_log"};

  private final PgConnectOptions db;
  private final Path script;

  private CheckInReference(PgConnectOptions db, Path script) {
    this.db = db;
    this.script = script;
  }

  /**
   * Copies the tables and writes the script, taking a code, its audit details and a colour
   * explanation the server has written (so call it after some check-ins), for residents numbered in
   * account order.
   */
  static CheckInReference prepare(PgConnectOptions db, int residents) throws IOException, InterruptedException {
    StringBuilder copies = new StringBuilder("drop schema if exists reference cascade; create schema reference;\n"
      + "create sequence reference.check_in_counter;\n"
      + "create sequence reference.status_index;\n"
      + "create table reference.residents (n int primary key, account_id uuid not null);\n"
      + "insert into reference.residents select row_number() over (order by account_id) - 1, account_id from residents;\n");
    for (String table : TABLES) {
      copies.append("create table reference.").append(table).append(" (like public.").append(table).append(" including all);\n");
    }
    copies.append("""
      do $$
      declare t text; c record; tr record;
      begin
        foreach t in array array['check_ins', 'check_in_visits', 'colour_states', 'issued_tokens', 'audit_log'] loop
          for c in select conname, pg_get_constraintdef(oid) as def from pg_constraint
                   where conrelid = format('public.%I', t)::regclass and contype = 'f' loop
            execute format('alter table reference.%I add constraint %I %s', t, c.conname,
              replace(c.def, 'REFERENCES check_ins(', 'REFERENCES reference.check_ins('));
          end loop;
          for tr in select pg_get_triggerdef(oid) as def from pg_trigger
                    where tgrelid = format('public.%I', t)::regclass and not tgisinternal loop
            execute replace(tr.def, format(' ON public.%s ', t), format(' ON reference.%s ', t));
          end loop;
        end loop;
      end $$;
      """);
    Pgbench.psql(db, copies.toString());
    String token = Pgbench.value(db, "select token from issued_tokens where kind = 'HEALTH_CODE' order by issued_at desc limit 1");
    String kid = Pgbench.value(db, "select kid from issued_tokens where kind = 'HEALTH_CODE' order by issued_at desc limit 1");
    String details = Pgbench.value(db, "select details::text from audit_log where action = 'health-code.issued' order by id desc limit 1");
    String explanation = Pgbench.value(db, "select explanation::text from colour_states order by computed_at desc limit 1");
    if (token.isEmpty() || details.isEmpty() || explanation.isEmpty()) {
      throw new IllegalStateException("no check-in written yet to copy the rows' contents from");
    }
    Path script = Files.createTempFile("check-in", ".sql");
    script.toFile().deleteOnExit();
    Files.writeString(script, """
      SELECT r.account_id AS a, date '2100-01-01' + (s.k / %1$d)::int AS day FROM (SELECT nextval('reference.check_in_counter') AS k) s JOIN reference.residents r ON r.n = s.k %% %1$d \\gset
      SELECT nextval('reference.status_index') AS i \\gset
      BEGIN;
      SELECT account_id FROM residents WHERE account_id = :a::uuid ORDER BY account_id FOR NO KEY UPDATE;
      SELECT account_id FROM reference.check_ins WHERE account_id = :a::uuid AND day = :day::date;
      INSERT INTO reference.check_ins (account_id, day, submitted_at, temperature, symptoms) VALUES (:a::uuid, :day::date, now(), 36.6, '{}') RETURNING id, account_id \\gset
      INSERT INTO reference.check_in_visits (check_in_id, account_id, county_code, visited_on) VALUES (:id::bigint, :a::uuid, '110105', :day::date - 1);
      SELECT account_id, colour, explanation FROM reference.colour_states WHERE account_id = :a::uuid;
      SELECT account_id, flag, effective_at FROM person_flags WHERE account_id = :a::uuid ORDER BY account_id, effective_at, id;
      SELECT c.account_id, c.id, c.day, c.temperature, c.symptoms, v.county_code, v.visited_on FROM reference.check_ins c LEFT JOIN reference.check_in_visits v ON v.account_id = c.account_id AND v.check_in_id = c.id WHERE c.account_id = :a::uuid AND c.day >= :day::date - 60 ORDER BY c.account_id, c.day, c.id;
      SELECT county_code, level, effective_from FROM county_risk_levels WHERE county_code = '110105' ORDER BY effective_from, id;
      INSERT INTO reference.colour_states (account_id, colour, rule_id, rule_version, green_from, computed_at, changed_at, explanation) VALUES (:a::uuid, 'GREEN', 'no-finding', 1, NULL, now(), now(), '%2$s'::jsonb) ON CONFLICT (account_id) DO UPDATE SET colour = excluded.colour, rule_id = excluded.rule_id, rule_version = excluded.rule_version, green_from = excluded.green_from, computed_at = excluded.computed_at, explanation = excluded.explanation, changed_at = CASE WHEN reference.colour_states.colour = excluded.colour THEN reference.colour_states.changed_at ELSE excluded.changed_at END;
      SELECT a.id, a.display_name, r.id_number_enc, r.pseudonym, r.holder_key FROM accounts a JOIN residents r ON r.account_id = a.id WHERE a.id = :a::uuid;
      WITH token AS (INSERT INTO reference.issued_tokens (list_id, idx, kind, account_id, kid, issued_at, expires_at, colour, holder_key, token) VALUES (:i::bigint >> 20, (:i::bigint & 1048575)::int, 'HEALTH_CODE', :a::uuid, '%3$s', now(), now() + interval '1 day', 'GREEN', NULL, '%4$s')) INSERT INTO reference.audit_log (at, actor_id, actor_role, action, subject_type, subject_id, reason, details) VALUES (now(), NULL, 'SYSTEM', 'health-code.issued', 'person', :a::text, 'check-in', '%5$s'::jsonb);
      COMMIT;
      """.formatted(residents, quoted(explanation), quoted(kid), quoted(token), quoted(details)));
    return new CheckInReference(db, script);
  }

  /** Check-in transactions a second with {@code clients} connections, and the client's CPU. */
  Pgbench.Timed run(int clients, int seconds) throws IOException, InterruptedException {
    return Pgbench.script(db, script, clients, seconds);
  }

  /** Check-ins the reference has written so far. */
  long written() throws IOException, InterruptedException {
    return Long.parseLong(Pgbench.value(db, "select count(*) from reference.check_ins"));
  }

  /** Rows inserted or updated so far in each of a check-in's tables in {@code schema}, by PostgreSQL's statistics. */
  static long[] rowWrites(PgConnectOptions db, String schema) throws IOException, InterruptedException {
    Pgbench.psql(db, "select pg_stat_force_next_flush()");
    long[] writes = new long[TABLES.length];
    for (int i = 0; i < TABLES.length; i++) {
      writes[i] = Long.parseLong(Pgbench.value(db, "select coalesce(sum(n_tup_ins + n_tup_upd), 0) from pg_stat_user_tables"
        + " where schemaname = '" + schema + "' and relname = '" + TABLES[i] + "'"));
    }
    return writes;
  }

  /**
   * Rows written per check-in in each table, the server's since {@code serverBefore} (taken when it
   * had no check-ins yet) beside the reference's: "check_ins 1.00/1.00, ...". A reference writing more
   * or less than the server would not be the cost of a check-in's own rows.
   */
  String compareRowWrites(long[] serverBefore) throws IOException, InterruptedException {
    long[] server = rowWrites(db, "public");
    long[] reference = rowWrites(db, "reference");
    long serverCheckIns = Math.max(1, Long.parseLong(Pgbench.value(db, "select count(*) from public.check_ins")));
    long referenceCheckIns = Math.max(1, written());
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < TABLES.length; i++) {
      line.append(i == 0 ? "" : ", ").append(String.format("%s %.2f/%.2f", TABLES[i],
        (server[i] - serverBefore[i]) / (double) serverCheckIns, reference[i] / (double) referenceCheckIns));
    }
    return line.toString();
  }

  private static String quoted(String text) {
    return text.replace("'", "''");
  }
}
