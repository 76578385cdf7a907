package io.tongxing.server.bench;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import io.tongxing.jose.SigningKey;
import io.tongxing.server.RegionServerVerticle;
import io.tongxing.server.auth.AccessTokens;
import io.tongxing.server.checkin.CheckInShape;
import io.tongxing.server.crypto.FieldCipher;
import io.tongxing.server.crypto.KeyMaterial;
import io.tongxing.server.healthcode.IssuedCode;
import io.tongxing.server.http.Contract;
import io.tongxing.server.http.Role;
import io.tongxing.server.keys.JcaProviders;
import io.tongxing.server.rules.Colour;
import io.tongxing.server.rules.Facts;
import io.tongxing.server.rules.RuleSet;
import io.tongxing.server.rules.RulesEngine;
import io.tongxing.server.rules.Symptom;
import io.tongxing.token.HealthCode;
import io.tongxing.token.MaskedName;
import io.tongxing.token.RegionCode;
import io.tongxing.token.StatusReference;
import io.tongxing.token.TokenSigner;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What each stage of a check-in costs the server, one thread, in microseconds of CPU: the request's
 * contract check (the generic validator the router ran before, and {@link CheckInShape} now), its
 * access token (nimbus's object model before, the compact check now), the JSON in and out, the colour
 * rules over sixty days of history, the ID number's decryption, the ES256 signature (Conscrypt, and
 * the JDK's SunEC for comparison) and the code's JSON. What is left of the server's CPU per check-in
 * in {@link CheckInBench} is HTTP, the PostgreSQL client and the futures between them.
 *
 * <p>Each stage runs in rounds of a fixed number of calls; the median round is printed with the
 * spread. Run with {@code mvn -B -q -pl server -Pbench -Dbench.class=io.tongxing.server.bench.CheckInStagesBench -DskipTests verify}.
 */
public final class CheckInStagesBench {

  private static final int ROUNDS = 9;
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final Instant NOW = Instant.parse("2026-03-15T02:00:00Z");
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** One stage: what it does, and one call of it. */
  private record Stage(String name, int calls, Runnable call) {
  }

  public static void main(String[] args) throws Exception {
    int status = 0;
    Vertx vertx = Vertx.vertx();
    try {
      run(vertx);
    } catch (Exception e) {
      e.printStackTrace();
      status = 1;
    } finally {
      vertx.close().await();
    }
    System.exit(status);
  }

  private static void run(Vertx vertx) throws Exception {
    System.out.printf("== check-in stages, one thread, %d rounds; load average at start: %s%n", ROUNDS,
      Files.readString(Path.of("/proc/loadavg")).strip());
    LocalDate today = LocalDate.ofInstant(NOW, ZONE);
    String body = new JsonObject().put("temperature", 36.6).put("symptoms", new JsonArray().add("NONE"))
      .put("visits", new JsonArray().add(new JsonObject().put("countyCode", "110105").put("date", today.minusDays(1).toString())))
      .encode();
    byte[] contract;
    try (var in = CheckInStagesBench.class.getResourceAsStream("/" + RegionServerVerticle.CONTRACT)) {
      contract = in.readAllBytes();
    }
    RequestValidator validator = RequestValidator.create(vertx, Contract.load(vertx, Buffer.buffer(contract)).await());

    byte[] accessKey = new byte[32];
    new SecureRandom().nextBytes(accessKey);
    AccessTokens accessTokens = new AccessTokens(accessKey, "tongxing:110000", Duration.ofMinutes(15),
      Clock.fixed(NOW, ZoneOffset.UTC));
    String token = accessTokens.issue(UUID.randomUUID(), Role.RESIDENT, UUID.randomUUID());
    MACVerifier nimbus = new MACVerifier(accessKey);

    Facts facts = history(today);
    RuleSet rules = RuleSet.fromJson(1, RuleSet.defaultDefinition());
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    KeyMaterial keys = KeyMaterial.random(new SecureRandom());
    FieldCipher cipher = new FieldCipher(keys, new SecureRandom());
    String account = UUID.randomUUID().toString();
    byte[] idNumber = cipher.encrypt(BenchResidents.idNumber(7), "resident.id_number", account);

    ECKey ecKey = new ECKeyGenerator(Curve.P_256).keyID("bench-2026a").generate();
    TokenSigner conscrypt = TokenSigner.create(SigningKey.of(ecKey, JcaProviders.nativeOrDefault(true)));
    TokenSigner sunEc = TokenSigner.create(SigningKey.of(ecKey));
    HealthCode code = new HealthCode(RegionCode.of("110000"), "Fv2Rt7KcXq", MaskedName.of("基准居民"), "0017",
      io.tongxing.token.Colour.GREEN, NOW, NOW.plus(Duration.ofDays(1)), new StatusReference(3, 123_456), Optional.empty());
    String signed = conscrypt.sign(code);
    IssuedCode issued = new IssuedCode(signed, Colour.GREEN, NOW, NOW.plus(Duration.ofDays(1)), new StatusReference(3, 123_456), false);

    List<Stage> stages = List.of(
      new Stage("contract check: the generic validator (before)", 2_000, () -> validator.validate(
        new ValidatableRequestImpl(Map.of(), Map.of(), Map.of(), Map.of(), new RequestParameterImpl(Buffer.buffer(body)),
          "application/json"), "submitCheckIn").await()),
      new Stage("contract check: CheckInShape, with the JSON parse", 50_000,
        () -> CheckInShape.read("application/json", Buffer.buffer(body))),
      new Stage("access token: nimbus parse, MAC, claims (before)", 20_000, () -> {
        try {
          SignedJWT jwt = SignedJWT.parse(token);
          jwt.verify(nimbus);
          jwt.getJWTClaimsSet().getSubject();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }),
      new Stage("access token: AccessTokens.verify", 50_000, () -> accessTokens.verify(token).orElseThrow()),
      new Stage("colour rules, 60 days of history with a visit each", 20_000, () -> RulesEngine.decide(facts, rules, clock, ZONE)),
      new Stage("ID number decryption (AES-GCM)", 50_000, () -> cipher.decrypt(idNumber, "resident.id_number", account)),
      new Stage("ES256 signature of the code, Conscrypt", 5_000, () -> conscrypt.sign(code)),
      new Stage("ES256 signature of the code, JDK SunEC (fallback)", 300, () -> sunEc.sign(code)),
      new Stage("answer JSON: the code with its QR text, encoded", 20_000, () -> new JsonObject().put("id", 1L)
        .put("day", today.toString()).put("colour", "GREEN").put("ruleId", "no-finding").put("ruleVersion", 1)
        .put("healthCode", issued.toJson()).toBuffer()));
    Map<String, double[]> results = new LinkedHashMap<>();
    for (int round = 0; round < ROUNDS; round++) {
      for (Stage stage : stages) {
        results.computeIfAbsent(stage.name(), k -> new double[ROUNDS])[round] = microsPerCall(stage);
      }
    }
    System.out.printf("%-52s %10s %18s%n", "stage", "median µs", "rounds min-max");
    results.forEach((name, rounds) -> {
      double[] sorted = rounds.clone();
      Arrays.sort(sorted);
      System.out.printf("%-52s %10.1f %8.1f-%.1f%n", name, sorted[ROUNDS / 2], sorted[0], sorted[ROUNDS - 1]);
    });
  }

  private static double microsPerCall(Stage stage) {
    long begin = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < stage.calls(); i++) {
      stage.call().run();
    }
    return (THREADS.getCurrentThreadCpuTime() - begin) / 1e3 / stage.calls();
  }

  /** Sixty days of normal check-ins, each naming a low-risk county visited the day before. */
  private static Facts history(LocalDate today) {
    List<Facts.CheckIn> checkIns = new ArrayList<>();
    for (int day = 60; day >= 0; day--) {
      LocalDate date = today.minusDays(day);
      checkIns.add(new Facts.CheckIn(date, new BigDecimal("36.6"), EnumSet.noneOf(Symptom.class),
        List.of(new Facts.Visit("110105", date.minusDays(1)))));
    }
    return new Facts(List.of(), checkIns, Map.of());
  }
}
