package io.tongxing.server.cli;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.tongxing.jose.Base64Url;
import io.tongxing.jose.LowS;
import io.tongxing.qr.Presentation;
import io.tongxing.qr.QrText;
import io.tongxing.server.support.MisbehavingPartner;
import io.tongxing.server.support.MisbehavingPartner.Behaviour;
import io.tongxing.server.support.TestServer;
import io.tongxing.token.Colour;
import io.tongxing.token.HealthCode;
import io.tongxing.token.RegionCode;
import io.tongxing.token.StatusReference;
import io.tongxing.token.TokenSigner;
import io.tongxing.verify.Reason;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static io.tongxing.server.cli.CommandLine.b64;
import static io.tongxing.server.cli.CommandLine.payloadOf;
import static io.tongxing.server.cli.CommandLine.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 item 8: whatever is scanned, {@code verify} ends in PASS, STOP or REVIEW with its reason
 * — never "could not verify", never a Java message — and it fetches a status list only for a token
 * whose signature held. The region server's status lists are reached through a proxy that counts
 * requests and can be told to misbehave; the trust bundle comes from the server directly.
 */
@ExtendWith(VertxExtension.class)
class VerifyHostileInputTest {

  private static MisbehavingPartner lists;
  private static TestServer server;
  private static String genuineToken;
  private static String genuineQr;
  private static String kid;
  private static ECKey rogue;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    lists = MisbehavingPartner.listening(vertx);
    server = TestServer.start(vertx, new JsonObject().put("http", new JsonObject().put("publicUrl", lists.baseUrl())),
      List.of());
    lists.inFrontOf(server.port());
    JsonObject code = CommandLine.healthCode(server, server.registerResident(), 36.6, "NONE");
    genuineToken = code.getString("token");
    genuineQr = code.getString("qrText");
    kid = CommandLine.tokenKey(server).kid();
    rogue = new ECKeyGenerator(Curve.P_256).generate();
  }

  @AfterAll
  static void stop() {
    server.stop();
    lists.stop();
  }

  @AfterEach
  void honestAgain() {
    lists.behave(Behaviour.HONEST);
  }

  static Stream<Arguments> hostileInputs() {
    String header = "{\"kid\":\"" + kid + "\",\"typ\":\"hc\",\"alg\":\"ES256\"}";
    String payload = payloadOf(genuineToken);
    String[] parts = genuineToken.split("\\.");
    byte[] signature = Base64Url.decode(parts[2]);
    byte[] payloadBytes = Base64Url.decode(parts[1]);
    payloadBytes[payload.indexOf("\"iat\":") + 7] ^= 1; // a digit of iat becomes its neighbour
    return Stream.of(
      Arguments.of("the genuine code", genuineQr, Reason.ACCEPTED),
      Arguments.of("the genuine code and a line break", genuineQr + "\n", Reason.ACCEPTED),
      Arguments.of("the genuine code between blank lines and spaces", "\r\n  " + genuineQr + " \r\n\r\n", Reason.ACCEPTED),
      Arguments.of("the genuine compact JWS", genuineToken, Reason.ACCEPTED),
      Arguments.of("one payload bit flipped", parts[0] + "." + Base64Url.encode(payloadBytes) + "." + parts[2],
        Reason.SIGNATURE_INVALID),
      Arguments.of("the same claims signed by another key under the region's kid", qr(sign(rogue, header, payload)),
        Reason.SIGNATURE_INVALID),
      Arguments.of("a status list number that is a string (once a ClassCastException)",
        qr(sign(rogue, header, payload.replaceAll("\"s\":\\[[0-9]+,", "\"s\":[\"x\","))), Reason.SIGNATURE_INVALID),
      Arguments.of("a status reference that is a string", qr(sign(rogue, header,
        payload.replaceAll("\"s\":\\[[0-9]+,[0-9]+]", "\"s\":\"1\""))), Reason.SIGNATURE_INVALID),
      Arguments.of("a forged status list number the server never had", qr(sign(rogue, header,
        payload.replaceAll("\"s\":\\[[0-9]+,", "\"s\":[999999,"))), Reason.SIGNATURE_INVALID),
      Arguments.of("no issuer", qr(sign(rogue, header, payload.replace("\"iss\":\"110000\",", ""))), Reason.CLAIMS_INVALID),
      Arguments.of("an issuer this region does not know", qr(sign(rogue, header,
        payload.replace("\"iss\":\"110000\"", "\"iss\":\"310000\""))), Reason.ISSUER_UNKNOWN),
      Arguments.of("alg none", b64("{\"alg\":\"none\",\"kid\":\"" + kid + "\",\"typ\":\"hc\"}") + "." + b64(payload) + ".",
        Reason.ALGORITHM_NOT_ALLOWED),
      Arguments.of("a key to fetch from the attacker", qr(sign(rogue, "{\"kid\":\"" + kid
        + "\",\"typ\":\"hc\",\"alg\":\"ES256\",\"jku\":\"https://attacker.example/k\"}", payload)), Reason.EMBEDDED_KEY_NOT_ALLOWED),
      Arguments.of("the genuine signature's high-S twin", parts[0] + "." + parts[1] + "." + Base64Url.encode(LowS.twin(signature)),
        Reason.SIGNATURE_HIGH_S),
      Arguments.of("a signature cut short", genuineToken.substring(0, genuineToken.length() - 6), Reason.SIGNATURE_MALFORMED),
      Arguments.of("a payload that is not JSON", qr(sign(rogue, header, "green, honestly")), Reason.TOKEN_MALFORMED),
      Arguments.of("the prefix alone", "TX1:", Reason.QR_FRAME_MALFORMED),
      Arguments.of("a QR cut short", genuineQr.substring(0, genuineQr.length() - 20), Reason.QR_FRAME_MALFORMED),
      Arguments.of("a letter among the digits", genuineQr.substring(0, 30) + "a" + genuineQr.substring(31), Reason.QR_FRAME_MALFORMED),
      Arguments.of("a control character inside", genuineQr.substring(0, 30) + "\u0007" + genuineQr.substring(30),
        Reason.INPUT_CONTROL_CHARACTERS),
      Arguments.of("another scheme's QR", "HC1:NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH", Reason.INPUT_NOT_RECOGNIZED),
      Arguments.of("a word", "hello", Reason.INPUT_NOT_RECOGNIZED),
      Arguments.of("5000 digits", "TX1:" + "1".repeat(5000), Reason.INPUT_TOO_LARGE),
      Arguments.of("a lone eyJ and a dot", "eyJ.", Reason.TOKEN_MALFORMED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileInputs")
  void everyInputEndsInAVerdictWithItsReason(String name, String input, Reason expected) {
    int fetchedBefore = lists.requests();

    CommandLine.Run run = verify(input);

    assertEquals(expected.outcome().ordinal(), run.status(), run.output());
    assertTrue(run.output().contains(expected.outcome() + " ") && run.output().contains(expected.name()), run.output());
    if (expected != Reason.ACCEPTED) {
      assertEquals(fetchedBefore, lists.requests(), "a status list was fetched for a token whose signature did not hold");
    }
  }

  @Test
  void aGenuineTokenWhoseListTheServerDoesNotHaveIsReviewAndSaysWhy() {
    HealthCode unlisted = new HealthCode(RegionCode.of("110000"), "Tx9Unlst", "测*民", "0017", Colour.GREEN,
      server.clock.instant(), server.clock.instant().plus(Duration.ofHours(12)), new StatusReference(424242, 1),
      Optional.empty());
    String token = TokenSigner.create(CommandLine.tokenKey(server)).sign(unlisted);

    CommandLine.Run run = verify("--lang", "en", qr(token));

    assertEquals(2, run.status(), run.output());
    assertTrue(run.output().startsWith("REVIEW STATUS_UNAVAILABLE") || run.output().contains("\nREVIEW STATUS_UNAVAILABLE"),
      run.output());
    assertTrue(run.output().contains("The server answered HTTP 404 for " + lists.baseUrl() + "/status-lists/424242"),
      run.output());
    assertEquals(1, lists.requests("GET /status-lists/424242"));
  }

  @Test
  void aStatusListThatArrivesBrokenOrForeignIsReviewNotAnError() {
    for (Behaviour broken : Arrays.asList(Behaviour.TRUNCATED, Behaviour.WRONG_SHAPE, Behaviour.RANDOM_BYTES)) {
      lists.behave(broken);

      CommandLine.Run run = verify("--lang", "en", genuineQr);

      assertEquals(2, run.status(), broken + ": " + run.output());
      assertTrue(run.output().contains("REVIEW STATUS_UNAVAILABLE"), broken + ": " + run.output());
      assertTrue(run.output().contains("does not verify with its issuer's keys"), broken + ": " + run.output());
    }
  }

  @Test
  void bytesFromAFileOrStandardInputAreVerifiedAsScanned(@TempDir Path dir) throws Exception {
    Path withLineBreaks = dir.resolve("code.txt");
    Files.writeString(withLineBreaks, genuineQr + "\r\n\r\n");
    Path notText = dir.resolve("scan.bin");
    Files.write(notText, new byte[] {'T', 'X', '1', ':', (byte) 0xC3, (byte) 0x28, (byte) 0xFF});

    CommandLine.Run file = verify(withLineBreaks.toString());
    CommandLine.Run bytes = verify(notText.toString());
    CommandLine.Run stdin = CommandLine.verifyWithStdin(server, (genuineQr + "\n").getBytes(StandardCharsets.US_ASCII),
      "--server", "http://localhost:" + server.port(), "-");

    assertEquals(0, file.status(), file.output());
    assertTrue(bytes.output().contains("STOP   INPUT_NOT_UTF8"), bytes.output());
    assertEquals(0, stdin.status(), stdin.output());
  }

  private static CommandLine.Run verify(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--server";
    all[1] = "http://localhost:" + server.port();
    System.arraycopy(args, 0, all, 2, args.length);
    return CommandLine.verify(server, all);
  }

  private static String qr(String token) {
    return QrText.encode(Presentation.of(token));
  }
}
