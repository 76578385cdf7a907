package io.tongxing.server.healthcode;

import io.tongxing.holder.HolderProof;
import io.tongxing.holder.HolderSigner;
import io.tongxing.qr.Presentation;
import io.tongxing.qr.QrScanner;
import io.tongxing.qr.QrText;
import io.tongxing.server.colour.ColourChangeListener;
import io.tongxing.server.support.Checkpoint;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.tongxing.token.Colour;
import io.tongxing.token.HealthCode;
import io.tongxing.token.HolderKey;
import io.tongxing.verify.CheckpointPolicy;
import io.tongxing.verify.HolderProofPolicy;
import io.tongxing.verify.Reason;
import io.tongxing.verify.Verdict;
import io.tongxing.token.RegionCode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A resident's health code, from issue to a checkpoint's offline verdict. */
@ExtendWith(VertxExtension.class)
class HealthCodeIssuanceTest {

  private static final AtomicBoolean LATER_LISTENER_FAILS = new AtomicBoolean();
  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) {
    // Runs after issuance in the same transaction: when it fails, the issued code must roll back too.
    ColourChangeListener later = (tx, change) -> LATER_LISTENER_FAILS.get()
      ? Future.failedFuture(new IllegalStateException("a later listener failed"))
      : Future.succeededFuture();
    server = TestServer.start(vertx, new JsonObject(), List.of(later));
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void aNewResidentsCodeVerifiesOfflineAndShowsOnlyMaskedIdentity() {
    Resident resident = server.registerResident();
    JsonObject code = server.get("/api/v1/me/health-code", server.accessToken(resident)).json();

    Verdict verdict = new Checkpoint(server).sync(list(code)).verify(code.getString("qrText"));

    assertEquals(Reason.ACCEPTED, verdict.reason(), verdict.toString());
    HealthCode shown = (HealthCode) verdict.credential().orElseThrow().credential();
    assertEquals("测*民", shown.maskedName());
    assertEquals(resident.idNumber().substring(14), shown.idLastFour());
    assertEquals(Colour.GREEN, shown.colour());
    assertFalse(code.getString("token").contains(resident.idNumber()));
    assertTrue(Duration.between(shown.issuedAt(), shown.expiresAt()).compareTo(Duration.ofHours(24)) <= 0);
  }

  @Test
  void fetchingTwiceGivesTheSameCodeAndCheckingInGivesAFreshOne() {
    Resident resident = server.registerResident();
    String token = server.accessToken(resident);
    JsonObject first = server.get("/api/v1/me/health-code", token).json();
    JsonObject again = server.get("/api/v1/me/health-code", token).json();
    server.clock.advance(Duration.ofMinutes(5));

    Reply checkIn = server.post("/api/v1/me/check-ins", token, normalCheckIn());

    assertEquals(first.getString("token"), again.getString("token"));
    assertEquals(201, checkIn.status(), checkIn.toString());
    JsonObject fresh = checkIn.json().getJsonObject("healthCode");
    assertNotEquals(first.getString("token"), fresh.getString("token"));
    assertEquals("GREEN", fresh.getString("colour"));
    assertEquals(fresh.getString("token"), server.get("/api/v1/me/health-code", token).json().getString("token"));
  }

  @Test
  void aColourChangeRevokesEveryEarlierCodeAtOnce() {
    Resident resident = server.registerResident();
    String token = server.accessToken(resident);
    JsonObject green = server.get("/api/v1/me/health-code", token).json();

    JsonObject fever = normalCheckIn().put("temperature", 38.6).put("symptoms", new JsonArray().add("FEVER"));
    JsonObject yellow = server.post("/api/v1/me/check-ins", token, fever).json().getJsonObject("healthCode");
    Checkpoint checkpoint = new Checkpoint(server).sync(list(green), list(yellow));

    assertEquals("YELLOW", yellow.getString("colour"));
    assertEquals(Reason.REVOKED, checkpoint.verify(green.getString("qrText")).reason());
    assertEquals(Reason.CODE_YELLOW, checkpoint.verify(yellow.getString("qrText")).reason());
    assertEquals(1, TestDatabase.count("select count(*) from issued_tokens where account_id = ?::uuid and status = 0",
      resident.accountId()));
  }

  @Test
  void issuingIsAllOrNothing() {
    Resident resident = server.registerResident();
    String token = server.accessToken(resident);
    long codes = issuedTo(resident);
    long audits = TestDatabase.count("select count(*) from audit_log where subject_id = ? and action = 'health-code.issued'",
      resident.accountId());

    LATER_LISTENER_FAILS.set(true);
    Reply refused;
    try {
      JsonObject fever = normalCheckIn().put("temperature", 39.0).put("symptoms", new JsonArray().add("FEVER"));
      refused = server.post("/api/v1/me/check-ins", token, fever);
    } finally {
      LATER_LISTENER_FAILS.set(false);
    }

    assertEquals(500, refused.status());
    assertEquals(codes, issuedTo(resident), "no code, no status index");
    assertEquals(audits, TestDatabase.count("select count(*) from audit_log where subject_id = ? and action = 'health-code.issued'",
      resident.accountId()), "no audit row");
    assertEquals(0, TestDatabase.count("select count(*) from issued_tokens where account_id = ?::uuid and status <> 0",
      resident.accountId()), "the green code was not revoked either");
  }

  @Test
  void statusIndicesAreUniqueAndDoNotRevealIssueOrder() {
    Set<String> places = new HashSet<>();
    int ascending = 0;
    long previous = -1;
    for (int i = 0; i < 40; i++) {
      Resident resident = server.registerResident();
      JsonObject status = server.get("/api/v1/me/health-code", server.accessToken(resident)).json().getJsonObject("status");
      assertTrue(places.add(status.getLong("list") + ":" + status.getLong("index")), "index used twice");
      if (status.getLong("index") > previous) {
        ascending++;
      }
      previous = status.getLong("index");
    }
    assertTrue(ascending < 35, "indices rise with issue order: " + ascending + " of 40");
    assertEquals(0, TestDatabase.count("select count(*) from (select list_id, idx from issued_tokens group by 1, 2 having count(*) > 1) d"));
  }

  @Test
  void aPhoneBoundCodeNeedsALiveProofWhereTheCheckpointRequiresOne() throws Exception {
    Resident resident = server.registerResident();
    String token = server.accessToken(resident);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair phone = generator.generateKeyPair();
    HolderKey holder = HolderKey.of((ECPublicKey) phone.getPublic());

    Reply bound = server.put("/api/v1/me/holder-key", token, new JsonObject().put("publicKey", holder.encoded()));

    assertEquals(200, bound.status(), bound.toString());
    assertTrue(bound.json().getBoolean("holderBound"));
    String jws = bound.json().getString("token");
    HolderProof proof = HolderProof.create(jws, server.clock.instant(), HolderSigner.of(phone.getPrivate(), null));
    CheckpointPolicy strict = CheckpointPolicy.builder(RegionCode.of("110112")).holderProof(HolderProofPolicy.REQUIRED).build();
    Checkpoint checkpoint = new Checkpoint(server).sync(list(bound.json()));
    assertEquals(Reason.ACCEPTED, checkpoint.verify(QrText.encode(Presentation.of(jws, proof)), strict).reason());
    assertEquals(Reason.HOLDER_PROOF_MISSING, checkpoint.verify(bound.json().getString("qrText"), strict).reason());
  }

  @Test
  void aMalformedPhoneKeyIsRefusedAndChangesNothing() {
    Resident resident = server.registerResident();
    String token = server.accessToken(resident);
    Map<String, String> before = TestDatabase.snapshot();

    Reply refused = server.put("/api/v1/me/holder-key", token, new JsonObject().put("publicKey", "A".repeat(44)));

    assertEquals(400, refused.status());
    assertEquals("publicKey", refused.field());
    assertEquals("INVALID_HOLDER_KEY", refused.code());
    assertEquals(before, TestDatabase.snapshot());
  }

  @Test
  void theQrImagesCarryTheCodesText() throws Exception {
    Resident resident = server.registerResident();
    String token = server.accessToken(resident);
    String qrText = server.get("/api/v1/me/health-code", token).json().getString("qrText");

    Reply png = server.get("/api/v1/me/health-code/qr.png?scale=4", token);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body().getBytes()));
    int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    Reply svg = server.call(HttpMethod.GET, "/api/v1/me/health-code/qr.svg", token, null,
      MultiMap.caseInsensitiveMultiMap().add("Accept-Language", "en"));

    assertEquals("image/png", png.headers().get("Content-Type"));
    assertTrue(png.headers().get("Cache-Control").startsWith("private, max-age="), png.headers().get("Cache-Control"));
    assertEquals(Optional.of(qrText), new QrScanner().scanArgb(pixels, image.getWidth(), image.getHeight()));
    assertTrue(svg.body().toString().contains("aria-label=\"Health code (green)\""), svg.body().toString().substring(0, 200));
    assertEquals(400, server.get("/api/v1/me/health-code/qr.png?scale=99", token).status());
  }

  @Test
  void signedDownloadsAreServedWithETagsAndTheirMediaTypes() {
    Reply bundle = server.get("/trust-bundle", null);
    Reply unchanged = server.call(HttpMethod.GET, "/trust-bundle", null, null,
      MultiMap.caseInsensitiveMultiMap().add("If-None-Match", bundle.headers().get("ETag")));
    Reply list = server.get("/status-lists/1", null);
    Reply jwks = server.get("/.well-known/jwks.json", null);

    assertEquals("application/tx-trust+jwt", bundle.headers().get("Content-Type"));
    assertEquals(304, unchanged.status());
    assertEquals(0, unchanged.body().length());
    assertEquals("application/statuslist+jwt", list.headers().get("Content-Type"));
    assertTrue(list.headers().get("Cache-Control").contains("max-age=300"));
    assertEquals(404, server.get("/status-lists/999999", null).status());
    assertTrue(jwks.json().getJsonArray("keys").size() >= 1);
    assertFalse(jwks.body().toString().contains("\"d\""), "no private key material");
  }

  @Test
  void privateKeysAreSealedAtRest() {
    for (Map<String, Object> row : TestDatabase.query("select public_jwk::text as jwk, encode(private_enc, 'escape') as sealed from signing_keys")) {
      assertFalse(String.valueOf(row.get("jwk")).contains("\"d\""));
      assertFalse(String.valueOf(row.get("sealed")).contains("\"d\""));
      assertFalse(String.valueOf(row.get("sealed")).contains("P-256"));
    }
  }

  private static long list(JsonObject code) {
    return code.getJsonObject("status").getLong("list");
  }

  private static long issuedTo(Resident resident) {
    return TestDatabase.count("select count(*) from issued_tokens where account_id = ?::uuid", resident.accountId());
  }

  private static JsonObject normalCheckIn() {
    return new JsonObject().put("temperature", 36.6).put("symptoms", new JsonArray().add("NONE"));
  }
}
