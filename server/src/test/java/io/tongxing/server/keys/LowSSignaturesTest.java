package io.tongxing.server.keys;

import io.tongxing.jose.Base64Url;
import io.tongxing.jose.JwsWriter;
import io.tongxing.jose.LowS;
import io.tongxing.jose.SigningKey;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Resident;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every signature the server publishes is the low-S one (docs/token-format.md §1): checkpoints
 * refuse the other. The keys sign through Conscrypt, as in production, with random nonces, so half
 * of the raw signatures come out high-S before the library turns them round; 64 low-S signatures
 * in a row by chance would be a 2^-64 event.
 */
@ExtendWith(VertxExtension.class)
class LowSSignaturesTest {

  private static final int SIGNATURES = 64;
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
  void theTokenAndTrustKeysSignLowS() {
    for (KeyPurpose purpose : KeyPurpose.values()) {
      SigningKey key = server.server.services().signingKeys().signer(server.server.services().pool(), purpose).await();
      for (int i = 0; i < SIGNATURES; i++) {
        String signed = JwsWriter.sign(key, "hc", new JsonObject().put("i", i).encode());
        assertTrue(LowS.holds(signature(signed)), purpose + ": " + signed);
      }
    }
  }

  @Test
  void anIssuedHealthCodeTheTrustBundleAndAStatusListAreLowS() {
    Resident resident = server.registerResident();
    JsonObject code = server.post("/api/v1/me/check-ins", server.accessToken(resident),
      new JsonObject().put("temperature", 36.5).put("symptoms", new JsonArray().add("NONE"))).json().getJsonObject("healthCode");
    String bundle = server.get("/trust-bundle", null).body().toString();
    TestServer.Reply list = server.get("/status-lists/" + code.getJsonObject("status").getLong("list"), null);

    assertEquals(200, list.status(), list.toString());
    assertTrue(LowS.holds(signature(code.getString("token"))), code.encode());
    assertTrue(LowS.holds(signature(bundle)), bundle);
    assertTrue(LowS.holds(signature(list.body().toString())), list.toString());
  }

  private static byte[] signature(String compact) {
    return Base64Url.decode(compact.substring(compact.lastIndexOf('.') + 1).trim());
  }
}
