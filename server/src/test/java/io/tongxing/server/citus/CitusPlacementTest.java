package io.tongxing.server.citus;

import io.tongxing.server.db.CitusLayout;
import io.tongxing.server.db.CitusLayout.Kind;
import io.tongxing.server.db.CitusLayout.Placement;
import io.tongxing.server.db.CitusStep;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schema on a coordinator and two workers: every table placed as db/citus/layout.txt says, a
 * resident's rows on one worker, a check-in made of single-shard statements only, and the step that
 * leaves a placed schema alone and places a table a later migration adds from its one line.
 */
@ExtendWith(VertxExtension.class)
class CitusPlacementTest {

  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void everyTableIsPlacedAsTheLayoutSays() {
    long accounts = colocation("accounts");
    long devices = colocation("scan_records");
    for (Placement placement : CitusLayout.load().placements()) {
      List<Map<String, Object>> rows = TestDatabase.query("select citus_table_type, distribution_column, colocation_id "
        + "from citus_tables where table_name = ?::regclass", placement.table());
      if (placement.kind() == Kind.PLAIN) {
        assertTrue(rows.isEmpty(), placement.table() + " stays a plain table, unknown to Citus");
        continue;
      }
      Map<String, Object> row = rows.get(0);
      String type = switch (placement.kind()) {
        case REFERENCE -> "reference";
        case COORDINATOR -> "local";
        default -> "distributed";
      };
      assertEquals(type, row.get("citus_table_type"), placement.table());
      if (placement.kind().spread()) {
        assertEquals(placement.column(), row.get("distribution_column"), placement.table());
        long group = ((Number) row.get("colocation_id")).longValue();
        switch (placement.kind()) {
          case ACCOUNT -> assertEquals(accounts, group, placement.table() + " is stored beside accounts");
          case DEVICE -> assertEquals(devices, group, placement.table() + " is stored beside scan_records");
          default -> assertTrue(group != accounts && group != devices, placement.table() + " has a group of its own");
        }
      }
    }
    assertNotEquals(accounts, devices);
    assertEquals(2L, TestDatabase.count("select count(distinct nodeport) from citus_shards where table_name = 'accounts'::regclass"),
      "residents are spread over both workers");
  }

  @Test
  void aCheckInIsMadeOfSingleShardStatementsOnTheResidentsWorker() {
    Resident resident = null;
    long[] before = null;
    long[] after = null;
    // The region's timers run beside the test and make statements of their own (a sweep reaches every
    // shard): a check-in during which a scheduled job started is not counted, and another one is made.
    for (int attempt = 0; attempt < 5 && after == null; attempt++) {
      resident = server.registerResident();
      String token = server.accessToken(resident);
      // A node reads the recent login revocations once, on its first authenticated request (RevokedLogins):
      // a statement to every shard of refresh_tokens that belongs to the node's start, not to the check-in.
      assertEquals(200, server.get("/api/v1/me", token).status());
      Timestamp since = (Timestamp) TestDatabase.query("select clock_timestamp() as t").get(0).get("t");
      before = counters();
      Reply checkIn = server.post("/api/v1/me/check-ins", token, new JsonObject().put("temperature", 36.6)
        .put("symptoms", new JsonArray().add("NONE")).put("visits", new JsonArray()
          .add(new JsonObject().put("countyCode", "110105").put("date", "2026-03-14"))));
      long[] counted = counters();
      assertEquals(201, checkIn.status(), checkIn.toString());
      if (TestDatabase.count("select count(*) from region_jobs where started_at >= ?", since) == 0) {
        after = counted;
      }
    }
    assertTrue(after != null, "a check-in without a scheduled job beside it");
    assertEquals(0L, after[1] - before[1], "no statement of the check-in went to every shard");
    assertTrue(after[0] - before[0] >= 6, "the check-in's statements each went to one shard: " + (after[0] - before[0]));
    Set<Integer> workers = new HashSet<>();
    for (String table : List.of("residents", "check_ins", "check_in_visits", "colour_states", "issued_tokens")) {
      workers.add(((Number) TestDatabase.query("select nodeport from citus_shards where shardid = "
        + "get_shard_id_for_distribution_column(?::regclass, ?::uuid)", table, resident.accountId()).get(0).get("nodeport")).intValue());
      assertTrue(TestDatabase.count("select count(*) from " + table + " where account_id = ?::uuid", resident.accountId()) >= 1,
        table + " holds the resident's row");
    }
    assertEquals(1, workers.size(), "the resident's rows are on one worker: " + workers);
  }

  @Test
  void theStepLeavesAPlacedSchemaAloneAndPlacesANewTableFromItsLine() throws SQLException {
    String layout = layoutText();
    try (Connection c = TestDatabase.jdbc(); Statement s = c.createStatement()) {
      assertEquals(0, CitusStep.apply(c, CitusLayout.load()), "nothing left to place");

      // As a migration runs on Citus (Database.migrate): the new table stays plain until the step places it.
      s.execute("set citus.enable_local_reference_table_foreign_keys = off");
      s.execute("create table citus_probe_notes (id bigserial primary key, account_id uuid not null "
        + "references residents (account_id), county text references counties (code), note text)");
      try {
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> CitusStep.apply(c, CitusLayout.load()));
        assertTrue(missing.getMessage().contains("citus_probe_notes has no line"), missing.getMessage());

        assertEquals(1, CitusStep.apply(c, parse(layout + "\ncitus_probe_notes account account_id\n")));
        Map<String, Object> placed = TestDatabase.query("select distribution_column, colocation_id from citus_tables "
          + "where table_name = 'citus_probe_notes'::regclass").get(0);
        assertEquals("account_id", placed.get("distribution_column"));
        assertEquals(colocation("accounts"), ((Number) placed.get("colocation_id")).longValue());
        assertEquals(List.of("FOREIGN KEY (account_id) REFERENCES residents(account_id)", "FOREIGN KEY (county) REFERENCES counties(code)",
          "PRIMARY KEY (id, account_id)"), TestDatabase.query("select pg_get_constraintdef(oid) as d from pg_constraint "
            + "where conrelid = 'citus_probe_notes'::regclass order by 1").stream().map(r -> r.get("d")).toList());
      } finally {
        s.execute("drop table citus_probe_notes");
      }
    }
  }

  @Test
  void aUniqueValueOfItsOwnIsRefusedUntilItsLineSaysItIsKeptElsewhere() throws SQLException {
    String layout = layoutText();
    try (Connection c = TestDatabase.jdbc(); Statement s = c.createStatement()) {
      s.execute("create table citus_probe_cards (account_id uuid not null, card_number text not null unique)");
      try {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
          () -> CitusStep.apply(c, parse(layout + "\ncitus_probe_cards account account_id\n")));
        assertTrue(refused.getMessage().contains("citus_probe_cards_card_number_key"), refused.getMessage());
        assertNull(TestDatabase.query("select 1 from citus_tables where table_name = 'citus_probe_cards'::regclass")
          .stream().findFirst().orElse(null), "nothing placed: the step is one transaction");

        assertEquals(1, CitusStep.apply(c, parse(layout + "\ncitus_probe_cards account account_id citus_probe_cards_card_number_key\n")));
        assertEquals("UNIQUE (card_number, account_id)", TestDatabase.query("select pg_get_constraintdef(oid) as d from pg_constraint "
          + "where conname = 'citus_probe_cards_card_number_key'").get(0).get("d"));
      } finally {
        s.execute("drop table citus_probe_cards");
      }
    }
  }

  private static long colocation(String table) {
    return TestDatabase.count("select colocation_id from citus_tables where table_name = ?::regclass", table);
  }

  private static long[] counters() {
    Map<String, Object> row = TestDatabase.query("select query_execution_single_shard as single, query_execution_multi_shard as multi "
      + "from citus_stat_counters where name = current_database()").get(0);
    return new long[] {((Number) row.get("single")).longValue(), ((Number) row.get("multi")).longValue()};
  }

  private static String layoutText() {
    try (var in = CitusLayout.class.getResourceAsStream("/db/citus/layout.txt")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static CitusLayout parse(String text) {
    return CitusLayout.parse(text);
  }
}
