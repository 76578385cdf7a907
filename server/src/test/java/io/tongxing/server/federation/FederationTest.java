package io.tongxing.server.federation;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.tongxing.jose.SigningKey;
import io.tongxing.server.db.Database;
import io.tongxing.server.http.PartnerAuthenticator;
import io.tongxing.server.support.CapturedLogs;
import io.tongxing.server.support.Checkpoint;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.tongxing.token.RegionCode;
import io.tongxing.verify.Reason;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgConnectOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutual recognition between two real region servers on loopback (Beijing and Langfang): keys and
 * status lists fetched with ETags into the trust bundle, a partner's code verified offline at this
 * region's checkpoint, close-contact and release notices, the outbox across an outage, and the
 * refusals (unknown key, replay, out of scope, partner data that fails its signature).
 */
@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederationTest {

  private static TwoRegions regions;

  @BeforeAll
  static void start(Vertx vertx) {
    regions = new TwoRegions(vertx);
  }

  @AfterAll
  static void stop() {
    regions.stop();
  }

  @Test
  void aLangfangCodeVerifiesOfflineAtABeijingCheckpointAndStopsAfterItsStatusChanges() {
    TestServer langfang = regions.langfang;
    TestServer beijing = regions.beijing;
    Resident commuter = langfang.registerResident();
    JsonObject code = langfang.get("/api/v1/me/health-code", langfang.accessToken(commuter)).json();
    long list = code.getJsonObject("status").getLong("list");

    JsonObject first = fetch(beijing, regions.langfangAtBeijing);
    JsonObject second = fetch(beijing, regions.langfangAtBeijing);

    assertTrue(first.getInteger("listsChanged") + first.getInteger("listsNotModified") >= 1, first.encode());
    assertTrue(first.getJsonArray("errors").isEmpty(), first.encode());
    assertEquals(false, second.getBoolean("bundleChanged"), "the bundle is not modified: 304");
    assertEquals(0, second.getInteger("listsChanged"), second.encode());
    assertTrue(second.getInteger("listsNotModified") >= 1, "the lists are not modified: 304");
    Checkpoint checkpoint = new Checkpoint(beijing).sync().syncPartner("131000", list);
    assertTrue(checkpoint.trust().issuer(RegionCode.of("131000")).isPresent(), "Langfang is in Beijing's bundle");
    assertEquals(Reason.ACCEPTED, checkpoint.verify(code.getString("qrText")).reason());

    // Langfang flags the commuter: the green code becomes invalid there; Beijing learns it at its next fetch.
    String person = commuter.accountId();
    assertEquals(201, langfang.post("/api/v1/admin/persons/" + person + "/flags", regions.langfangAdmin,
      new JsonObject().put("flag", "CLOSE_CONTACT").put("reason", "密接")).status());
    fetch(beijing, regions.langfangAtBeijing);
    Checkpoint synced = new Checkpoint(beijing).sync().syncPartner("131000", list);

    assertEquals(Reason.REVOKED, synced.verify(code.getString("qrText")).reason());
  }

  @Test
  void aCloseContactNoticeFromBeijingTurnsALangfangResidentRedAndAReleaseNoticeIsRecognized() {
    TestServer langfang = regions.langfang;
    Resident resident = langfang.registerResident();
    String token = langfang.accessToken(resident);
    assertEquals("GREEN", langfang.get("/api/v1/me/colour", token).json().getString("colour"));
    String today = LocalDate.ofInstant(regions.clock.instant(), ZoneId.of("Asia/Shanghai")).toString();

    Reply sent = regions.beijing.post("/api/v1/admin/federation/close-contact-notices", regions.beijingAdmin, new JsonObject()
      .put("partnerRegion", "131000").put("idNumber", resident.idNumber()).put("category", "CLOSE_CONTACT")
      .put("date", today).put("reason", "与确诊病例同乘 G123 次列车"));

    assertEquals(202, sent.status(), sent.toString());
    String messageId = sent.json().getString("messageId");
    awaitTrue(() -> "RED".equals(regions.langfang.get("/api/v1/me/colour", token).json().getString("colour")),
      "the resident turns red");
    awaitTrue(() -> ack(messageId).containsKey("result"), "Beijing holds Langfang's acknowledgement");
    JsonObject matched = ack(messageId);
    assertEquals("RECEIVED", matched.getString("result"));
    assertFalse(matched.containsKey("colour"), "a partner learns no one's colour from us");
    assertEquals(1, count("fed_langfang", "select count(*) from issued_tokens where account_id = ?::uuid and status = 0",
      UUID.fromString(resident.accountId())), "only the red code is valid");

    Reply release = regions.beijing.post("/api/v1/admin/federation/release-notices", regions.beijingAdmin, new JsonObject()
      .put("partnerRegion", "131000").put("idNumber", resident.idNumber()).put("releasedOn", today)
      .put("reason", "隔离期满解除"));

    assertEquals(202, release.status(), release.toString());
    awaitTrue(() -> !"RED".equals(regions.langfang.get("/api/v1/me/colour", token).json().getString("colour")),
      "the released close contact is not red any more");
  }

  @Test
  void aNoticeAboutSomeoneWhoDoesNotLiveHereIsAcknowledgedExactlyAsOneAboutAResident() {
    Reply sent = regions.beijing.post("/api/v1/admin/federation/close-contact-notices", regions.beijingAdmin, new JsonObject()
      .put("partnerRegion", "131000").put("idNumber", io.tongxing.server.support.Fixtures.idNumber()).put("category", "CLOSE_CONTACT")
      .put("date", LocalDate.ofInstant(regions.clock.instant(), ZoneId.of("Asia/Shanghai")).toString()).put("reason", "同乘列车"));
    String messageId = sent.json().getString("messageId");

    awaitTrue(() -> ack(messageId).containsKey("result"), "Beijing holds Langfang's acknowledgement");

    JsonObject ack = ack(messageId);
    assertEquals("RECEIVED", ack.getString("result"), "not NOT_RESIDENT: the partner learns nothing of who lives here");
    assertEquals(List.of("by", "duplicate", "id", "receivedAt", "result"), ack.fieldNames().stream().sorted().toList());
  }

  @Test
  void noticesWaitForAPartnerThatIsDownAndArriveOnceWhenItReturns() {
    int port = regions.langfang.port();
    regions.langfang.stop();
    String[] ids = new String[3];
    for (int i = 0; i < ids.length; i++) {
      Reply sent = regions.beijing.post("/api/v1/admin/federation/close-contact-notices", regions.beijingAdmin, new JsonObject()
        .put("partnerRegion", "131000").put("idNumber", io.tongxing.server.support.Fixtures.idNumber())
        .put("category", "SECONDARY_CONTACT").put("date", "2026-03-14").put("reason", "次密接 " + i));
      assertEquals(202, sent.status(), sent.toString());
      ids[i] = sent.json().getString("messageId");
    }
    for (String id : ids) {
      awaitTrue(() -> sentMessage(id).getInteger("attempts") >= 1, "a first attempt failed");
      assertEquals("PENDING", sentMessage(id).getString("state"));
    }

    regions.restartLangfang(port);
    regions.clock.advance(Duration.ofMinutes(5)); // the longest back-off passes

    for (String id : ids) {
      awaitTrue(() -> "DELIVERED".equals(sentMessage(id).getString("state")), "delivered after the outage");
      assertEquals(1, count("fed_langfang", "select count(*) from federation_inbox where message_id = ?", UUID.fromString(id)));
    }
    // The acknowledgement of one is lost: Beijing sends it again, Langfang answers the first acknowledgement.
    execute("fed_beijing", "update federation_outbox set delivered_at = null, ack = null, next_attempt_at = '2000-01-01T00:00:00Z' "
      + "where message_id = ?", UUID.fromString(ids[0]));
    awaitTrue(() -> "DELIVERED".equals(sentMessage(ids[0]).getString("state")), "delivered again");
    assertEquals(true, ack(ids[0]).getBoolean("duplicate"));
    assertEquals(1, count("fed_langfang", "select count(*) from federation_inbox where message_id = ?", UUID.fromString(ids[0])));
  }

  @Test
  void aBulletinOutsideTheAgreementIsRefusedByThePartnerAndNotRetried() {
    Reply published = regions.beijing.post("/api/v1/admin/bulletins", regions.beijingAdmin, new JsonObject()
      .put("title", "顺义区部分地区调整为高风险").put("text", "自即日起……").put("counties", new io.vertx.core.json.JsonArray().add("110113"))
      .put("effectiveAt", "2026-03-15T00:00:00+08:00"));

    assertEquals(201, published.status(), published.toString());
    String id = regions.beijing.get("/api/v1/admin/federation/messages", regions.beijingAdmin).json().getJsonArray("sent")
      .stream().map(JsonObject.class::cast).filter(m -> "BULLETIN".equals(m.getString("type"))).findFirst().orElseThrow()
      .getString("id");
    awaitTrue(() -> "REFUSED".equals(sentMessage(id).getString("state")), "Langfang refuses it");
    assertEquals("MESSAGE_OUTSIDE_SCOPE", sentMessage(id).getString("lastError"));
    assertEquals(0, count("fed_langfang", "select count(*) from bulletins"));
    assertEquals(1, regions.beijing.get("/api/v1/admin/bulletins", regions.beijingAdmin).array().size());
  }

  @Test
  void aRequestSignedByAnUnknownKeyIsRefused() throws Exception {
    SigningKey stranger = SigningKey.of(new ECKeyGenerator(Curve.P_256).generate());
    Buffer body = envelope("131000", "110000");
    String signature = regions.langfang.server.services().federation().signatures()
      .sign(RegionCode.of("110000"), "POST", Outbox.PATH, body).await();
    // Same claims, signed by a key nobody pinned.
    String forged = io.tongxing.jose.JwsWriter.sign(stranger, RequestSignatures.TYP,
      new String(io.tongxing.jose.Base64Url.decode(signature.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8));
    long before = count("fed_beijing", "select count(*) from federation_inbox");

    Reply reply = deliver(regions.beijing, forged, body);

    assertEquals(401, reply.status(), reply.toString());
    assertEquals("PARTNER_SIGNATURE_INVALID", reply.code());
    assertEquals(before, count("fed_beijing", "select count(*) from federation_inbox"));
  }

  @Test
  void aReplayedRequestIsRefusedAndAnAlteredBodyToo() {
    Buffer body = envelope("131000", "110000");
    String signature = regions.langfang.server.services().federation().signatures()
      .sign(RegionCode.of("110000"), "POST", Outbox.PATH, body).await();

    assertEquals(200, deliver(regions.beijing, signature, body).status());
    Reply replayed = deliver(regions.beijing, signature, body);
    assertEquals(401, replayed.status());
    assertEquals("REQUEST_REPLAYED", replayed.code());

    String fresh = regions.langfang.server.services().federation().signatures()
      .sign(RegionCode.of("110000"), "POST", Outbox.PATH, body).await();
    Reply altered = deliver(regions.beijing, fresh, envelope("131000", "110000"));
    assertEquals(401, altered.status());
    assertEquals("PARTNER_SIGNATURE_INVALID", altered.code());
  }

  @Test
  void aMessageOfAKindOutsideTheScopeIsRefused() {
    Buffer body = Buffer.buffer(new JsonObject(envelope("110000", "131000").toString()).put("type", "BULLETIN")
      .put("payload", new JsonObject().put("bulletinId", UUID.randomUUID().toString()).put("title", "t").put("text", "x")
        .put("counties", new io.vertx.core.json.JsonArray()).put("effectiveAt", "2026-03-15T00:00:00Z")).encode());
    String signature = regions.beijing.server.services().federation().signatures()
      .sign(RegionCode.of("131000"), "POST", Outbox.PATH, body).await();

    Reply reply = deliver(regions.langfang, signature, body);

    assertEquals(403, reply.status(), reply.toString());
    assertEquals("MESSAGE_OUTSIDE_SCOPE", reply.code());
  }

  @Test
  void aNoticeOfTheWrongShapeIsRefusedAndTheLogSaysAtWarnWhichPartnerSentItAndWhy() {
    JsonObject envelope = new JsonObject(envelope("131000", "110000").toString());
    envelope.getJsonObject("payload").put("subject", "not a keyed hash");
    Buffer body = Buffer.buffer(envelope.encode());
    String signature = regions.langfang.server.services().federation().signatures()
      .sign(RegionCode.of("110000"), "POST", Outbox.PATH, body).await();
    int from = CapturedLogs.length();

    Reply reply = deliver(regions.beijing, signature, body);

    assertEquals(400, reply.status(), reply.toString());
    assertEquals("INVALID_NOTICE_SUBJECT", reply.code());
    assertTrue(CapturedLogs.messages(from, "WARN").stream().anyMatch(line -> line.contains("from 131000 refused")
      && line.contains("INVALID_NOTICE_SUBJECT payload.subject")), CapturedLogs.messages(from, "WARN").toString());
  }

  @Test
  void aPartnerBulletinDatedYearZeroOrWithABidiOverrideIsRefusedAndNotStored() {
    long before = count("fed_beijing", "select count(*) from bulletins");
    for (JsonObject payload : java.util.List.of(
      bulletinPayload("道路管控", "0000-01-01T00:00:00Z"),
      bulletinPayload("道路\u202e管控", "2026-03-15T00:00:00Z"),
      bulletinPayload("\u3000", "2026-03-15T00:00:00Z"))) {
      JsonObject envelope = new JsonObject(envelope("131000", "110000").toString()).put("type", "BULLETIN").put("payload", payload);
      Buffer body = Buffer.buffer(envelope.encode());
      String signature = regions.langfang.server.services().federation().signatures()
        .sign(RegionCode.of("110000"), "POST", Outbox.PATH, body).await();

      Reply reply = deliver(regions.beijing, signature, body);

      assertEquals(400, reply.status(), payload + ": " + reply);
      assertEquals("INVALID_BULLETIN", reply.code());
    }
    assertEquals(before, count("fed_beijing", "select count(*) from bulletins"));
    assertEquals(200, regions.beijing.get("/api/v1/admin/bulletins", regions.beijingAdmin).status());
  }

  private static JsonObject bulletinPayload(String title, String effectiveAt) {
    return new JsonObject().put("bulletinId", UUID.randomUUID().toString()).put("title", title)
      .put("text", "全市").put("counties", new io.vertx.core.json.JsonArray()).put("effectiveAt", effectiveAt);
  }

  @Test
  @Order(Integer.MAX_VALUE) // Langfang's new trust key breaks its recognition at Beijing: the last test
  void aPartnerBundleThatFailsItsSignatureIsRefusedAndTheLastGoodCopyKept() {
    fetch(regions.beijing, regions.langfangAtBeijing);
    String good = documentBody("fed_beijing", regions.langfangAtBeijing);
    // Langfang switches to a trust key Beijing never pinned: its bundles no longer verify with the agreed key.
    Reply rotated = regions.langfang.post("/api/v1/admin/signing-keys/rotations", regions.langfangAdmin,
      new JsonObject().put("purpose", "TRUST").put("immediate", true).put("reason", "key ceremony test"));
    assertEquals(201, rotated.status(), rotated.toString());
    regions.clock.advance(Duration.ofMinutes(1)); // past the signer cache

    JsonObject fetched = fetch(regions.beijing, regions.langfangAtBeijing);

    assertEquals(false, fetched.getBoolean("bundleChanged"), fetched.encode());
    assertTrue(fetched.getJsonArray("errors").encode().contains("trust bundle refused"), fetched.encode());
    assertEquals(good, documentBody("fed_beijing", regions.langfangAtBeijing), "the last good copy is kept");
    JsonObject listed = regions.beijing.get("/api/v1/admin/partners", regions.beijingAdmin).array().stream()
      .map(JsonObject.class::cast).filter(p -> "131000".equals(p.getString("regionCode"))).findFirst().orElseThrow();
    JsonObject bundle = listed.getJsonArray("documents").stream().map(JsonObject.class::cast)
      .filter(d -> "trust-bundle".equals(d.getString("document"))).findFirst().orElseThrow();
    assertTrue(bundle.getString("lastError").contains("trust bundle refused"), bundle.encode());
    assertTrue(new Checkpoint(regions.beijing).sync().trust().issuer(RegionCode.of("131000")).isPresent(),
      "Langfang stays recognized with its last good keys");
  }

  // ---- helpers ----

  private static JsonObject fetch(TestServer server, String partnerId) {
    Reply reply = server.call(HttpMethod.POST, "/api/v1/admin/partners/" + partnerId + "/fetches",
      server == regions.beijing ? regions.beijingAdmin : regions.langfangAdmin, null);
    assertEquals(200, reply.status(), reply.toString());
    return reply.json();
  }

  private static Buffer envelope(String from, String to) {
    return Buffer.buffer(new JsonObject().put("id", UUID.randomUUID().toString()).put("type", "CLOSE_CONTACT_NOTICE")
      .put("from", from).put("to", to).put("createdAt", "2026-03-15T02:00:00Z")
      .put("payload", new JsonObject().put("subject", "A".repeat(43)).put("category", "CLOSE_CONTACT")
        .put("date", "2026-03-14").put("reason", "测试")).encode());
  }

  private static Reply deliver(TestServer to, String signature, Buffer body) {
    return to.call(HttpMethod.POST, Outbox.PATH, null, body,
      MultiMap.caseInsensitiveMultiMap().add(PartnerAuthenticator.HEADER, signature));
  }

  private static JsonObject sentMessage(String id) {
    return regions.beijing.get("/api/v1/admin/federation/messages", regions.beijingAdmin).json().getJsonArray("sent")
      .stream().map(JsonObject.class::cast).filter(m -> id.equals(m.getString("id"))).findFirst().orElseThrow();
  }

  private static JsonObject ack(String id) {
    JsonObject ack = sentMessage(id).getJsonObject("ack");
    return ack == null ? new JsonObject() : ack;
  }

  private static void awaitTrue(Supplier<Boolean> condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 15 s: " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static String documentBody(String database, String partnerId) {
    try (Connection c = connect(database);
         PreparedStatement s = c.prepareStatement("select body from partner_documents where partner_id = ?::uuid and document = 'trust-bundle'")) {
      s.setString(1, partnerId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long count(String database, String sql, Object... args) {
    try (Connection c = connect(database); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void execute(String database, String sql, Object... args) {
    try (Connection c = connect(database); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Connection connect(String database) throws SQLException {
    PgConnectOptions options = TestDatabase.otherDatabase(database);
    return DriverManager.getConnection(Database.jdbcUrl(options), options.getUser(), options.getPassword());
  }
}
