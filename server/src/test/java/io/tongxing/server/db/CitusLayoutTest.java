package io.tongxing.server.db;

import io.tongxing.server.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Citus layout names every table the migrations create, and nothing else: a migration that adds
 * a table fails this test (on plain PostgreSQL, no Citus needed) until its line is written.
 */
class CitusLayoutTest {

  @Test
  void everyTableOfTheMigrationsHasItsLineAndEveryLineItsTable() {
    List<String> tables = TestDatabase.query("select tablename from pg_tables where schemaname = 'public' "
      + "and tablename <> 'flyway_schema_history'").stream().map(row -> (String) row.get("tablename")).toList();

    assertEquals(List.of(), CitusLayout.load().problems(tables));
  }

  @Test
  void aMissingLineAndALineWithoutItsTableAreNamed() {
    CitusLayout layout = CitusLayout.parse("accounts account id\nold_table reference\n");

    assertEquals(List.of("table family_members has no line in /db/citus/layout.txt: add one (account, device, lookup, "
        + "reference, coordinator or plain; docs/operations.md, Citus)",
      "/db/citus/layout.txt places old_table, which no migration creates"), layout.problems(List.of("accounts", "family_members")));
  }

  @Test
  void aLineMustSayHowItsTableIsPlaced() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CitusLayout.parse("# comment\n\nt sharded id"))
      .getMessage().contains("line 3: unknown placement sharded"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CitusLayout.parse("t account"))
      .getMessage().contains("line 1: account needs the column that spreads it"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CitusLayout.parse("t reference id"))
      .getMessage().contains("line 1: a reference table takes nothing more"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CitusLayout.parse("t plain\nt coordinator"))
      .getMessage().contains("line 2: t is placed twice"));
  }

  @Test
  void aWidenedKeyTakesTheSpreadingColumnLast() {
    assertEquals("CREATE UNIQUE INDEX accounts_username_ci ON public.accounts USING btree (upper(username), id)",
      CitusStep.withColumn("CREATE UNIQUE INDEX accounts_username_ci ON public.accounts USING btree (upper(username))", "id"));
    assertEquals("CREATE UNIQUE INDEX one_open ON public.pass_applications USING btree (employee_id, corridor_id, resident_id) "
        + "WHERE (state = 'SUBMITTED'::text)",
      CitusStep.withColumn("CREATE UNIQUE INDEX one_open ON public.pass_applications USING btree (employee_id, corridor_id) "
        + "WHERE (state = 'SUBMITTED'::text)", "resident_id"));
  }
}
