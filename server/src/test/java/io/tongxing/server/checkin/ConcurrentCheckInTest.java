package io.tongxing.server.checkin;

import io.tongxing.server.support.Checkpoint;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Resident;
import io.tongxing.verify.Reason;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Check-ins that arrive together are written together; each still gets its own answer and code. */
@ExtendWith(VertxExtension.class)
class ConcurrentCheckInTest {

  private static TestServer server;
  private static WebClient client;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(server.port()));
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void manyResidentsAtOnceEachGetTheirOwnVerifiableCode() {
    List<String> tokens = new ArrayList<>();
    List<Resident> residents = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      residents.add(server.registerResident());
    }
    server.clock.advance(java.time.Duration.ofMinutes(1));
    for (Resident resident : residents) {
      tokens.add(server.accessToken(resident));
    }

    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      sent.add(checkIn(tokens.get(i), i % 5 == 0 ? 38.4 : 36.5, i % 5 == 0 ? "FEVER" : "NONE"));
    }

    Set<Long> lists = new HashSet<>();
    List<JsonObject> codes = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      HttpResponse<Buffer> response = sent.get(i).await();
      assertEquals(201, response.statusCode(), response.bodyAsString());
      JsonObject code = response.bodyAsJsonObject().getJsonObject("healthCode");
      assertEquals(i % 5 == 0 ? "YELLOW" : "GREEN", code.getString("colour"), "resident " + i);
      codes.add(code);
      lists.add(code.getJsonObject("status").getLong("list"));
    }
    Checkpoint checkpoint = new Checkpoint(server).sync(lists.stream().mapToLong(Long::longValue).toArray());
    for (int i = 0; i < codes.size(); i++) {
      assertEquals(i % 5 == 0 ? Reason.CODE_YELLOW : Reason.ACCEPTED, checkpoint.verify(codes.get(i).getString("qrText")).reason());
    }
    for (Resident resident : residents) {
      assertEquals(1, TestDatabase.count("select count(*) from check_ins where account_id = ?::uuid", resident.accountId()));
    }
  }

  @Test
  void twoCheckInsOfOneResidentAtOnceStoreOneAndRefuseTheOther() {
    Resident resident = server.registerResident();
    String token = server.accessToken(resident);
    server.clock.advance(java.time.Duration.ofMinutes(1));

    HttpResponse<Buffer> first = checkIn(token, 36.5, "NONE").await();
    Future<HttpResponse<Buffer>> a = checkIn(token, 36.6, "NONE");
    Future<HttpResponse<Buffer>> b = checkIn(token, 36.7, "NONE");

    assertEquals(201, first.statusCode());
    assertEquals(409, a.await().statusCode());
    assertEquals(409, b.await().statusCode());
    assertEquals("ALREADY_CHECKED_IN_TODAY", b.await().bodyAsJsonObject().getString("code"));
    assertEquals(1, TestDatabase.count("select count(*) from check_ins where account_id = ?::uuid", resident.accountId()));
  }

  @Test
  void simultaneousFirstCheckInsOfOneResidentStoreExactlyOne() {
    Resident resident = server.registerResident();
    String token = server.accessToken(resident);
    server.clock.advance(java.time.Duration.ofDays(1));
    token = server.accessToken(resident);

    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      sent.add(checkIn(token, 36.5, "NONE"));
    }
    int stored = 0;
    for (Future<HttpResponse<Buffer>> response : sent) {
      int status = response.await().statusCode();
      if (status == 201) {
        stored++;
      } else {
        assertEquals(409, status);
      }
    }

    assertEquals(1, stored);
    assertEquals(1, TestDatabase.count("select count(*) from check_ins where account_id = ?::uuid", resident.accountId()));
  }

  private static Future<HttpResponse<Buffer>> checkIn(String token, double temperature, String symptom) {
    return client.post("/api/v1/me/check-ins").putHeader("Authorization", "Bearer " + token)
      .putHeader("X-Forwarded-For", "127.0.0.1")
      .sendJsonObject(new JsonObject().put("temperature", temperature).put("symptoms", new JsonArray().add(symptom)));
  }
}
