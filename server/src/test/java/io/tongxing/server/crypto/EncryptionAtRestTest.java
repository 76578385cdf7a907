package io.tongxing.server.crypto;

import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Resident;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class EncryptionAtRestTest {

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
  void noTableHoldsAnIdOrPhoneNumberInClear() {
    Resident resident = server.registerResident();
    server.login(resident.phone(), resident.password());
    String hexId = HexFormat.of().formatHex(resident.idNumber().getBytes(StandardCharsets.US_ASCII));
    String hexPhone = HexFormat.of().formatHex(resident.phone().getBytes(StandardCharsets.US_ASCII));

    List<Map<String, Object>> tables = TestDatabase.query(
      "select tablename from pg_tables where schemaname = 'public' and tablename <> 'flyway_schema_history'");
    assertTrue(tables.size() >= 10, "every table is searched");
    for (Map<String, Object> table : tables) {
      String name = (String) table.get("tablename");
      long hits = TestDatabase.count("select count(*) from " + name + " t where t::text like ? or t::text like ? "
        + "or t::text ilike ? or t::text ilike ? or t::text like ?", "%" + resident.idNumber() + "%", "%" + resident.phone() + "%",
        "%" + hexId + "%", "%" + hexPhone + "%", "%" + resident.idNumber().substring(6, 14) + resident.idNumber().substring(14) + "%");
      assertEquals(0, hits, "table " + name + " contains the ID or phone number");
    }
  }

  @Test
  void theResidentRowHoldsCiphertextAndKeyedHashes() {
    Resident resident = server.registerResident();

    Map<String, Object> row = TestDatabase.query("select * from residents where account_id = ?::uuid", resident.accountId()).get(0);

    byte[] idCipher = (byte[]) row.get("id_number_enc");
    assertEquals(1 + 12 + 18 + 16, idCipher.length, "version, nonce, 18 bytes of ciphertext, tag");
    assertEquals(32, ((byte[]) row.get("id_number_hash")).length);
    assertEquals(32, ((byte[]) row.get("phone_hash")).length);
    assertFalse(new String(idCipher, StandardCharsets.ISO_8859_1).contains(resident.idNumber()));
    // And the server can still read it back (masked for display).
    assertTrue(server.get("/api/v1/me", server.accessToken(resident)).json().getString("maskedIdNumber")
      .endsWith(resident.idNumber().substring(14)));
  }
}
