package io.tongxing.server.cli;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.tongxing.qr.Presentation;
import io.tongxing.qr.QrCode;
import io.tongxing.qr.QrText;
import io.tongxing.server.support.TestServer;
import io.tongxing.token.CommuterPass;
import io.tongxing.token.PassModel;
import io.tongxing.token.RegionCode;
import io.tongxing.token.StatusReference;
import io.tongxing.token.TokenSigner;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code verify} as an officer uses it, against a running server whose clock it shares: what a
 * verdict shows (in zh-CN and en, times in the region's zone, a pass's employer), and how it says
 * that it could not verify anything — a mistyped path, an image without a code, a server it cannot
 * reach — without that ever reading as a verdict.
 */
@ExtendWith(VertxExtension.class)
class VerifyCommandTest {

  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final List<String> OPTIONS = List.of("--server", "--trust-key", "--region", "--corridor",
    "--pass-required", "--holder-proof", "--zone", "--lang", "--help");

  private static TestServer server;
  private static String serverUrl;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    serverUrl = "http://localhost:" + server.port();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void aPngOfAGreenCodePassesWithExitStatusZero(@TempDir Path dir) throws Exception {
    String qrText = CommandLine.healthCode(server, server.registerResident(), 36.6, "NONE").getString("qrText");
    Path png = dir.resolve("code.png");
    Files.write(png, QrCode.encode(qrText).png(6));

    CommandLine.Run run = CommandLine.verify(server, "--server", serverUrl, png.toString());

    assertEquals(0, run.status(), run.output());
    assertTrue(run.output().contains("PASS   ACCEPTED  核验通过，准予通行"), run.output());
    assertTrue(run.output().contains("测*民"), run.output());
    assertTrue(run.output().contains("绿码"), run.output());
    assertTrue(run.output().contains("指纹"), "the fetched trust key's thumbprint, to compare: " + run.output());
  }

  @Test
  void aYellowCodeTypedAsTextStopsWithExitStatusOne() {
    String qrText = CommandLine.healthCode(server, server.registerResident(), 38.5, "FEVER").getString("qrText");

    CommandLine.Run run = CommandLine.verify(server, "--server", serverUrl, "--lang", "en", qrText);

    assertEquals(1, run.status(), run.output());
    assertTrue(run.output().contains("STOP   CODE_YELLOW  Yellow code"), run.output());
    assertTrue(run.output().contains("Colour          yellow"), run.output());
  }

  @Test
  void aPassShowsItsEmployerRouteAndVehicleWithTimesInTheRegionsZone() {
    StatusReference valid = status(CommandLine.healthCode(server, server.registerResident(), 36.6, "NONE"));
    Instant issued = server.clock.instant();
    CommuterPass pass = new CommuterPass(RegionCode.of("110000"), "Fv7Cli2x", "王*明", "0817", PassModel.FREIGHT_VEHICLE,
      List.of(RegionCode.of("110000"), RegionCode.of("131000")), "91110000100011743X", Optional.of("京A12345"),
      issued, Optional.empty(), issued.plus(Duration.ofDays(30)), valid, Optional.empty());
    String qr = QrText.encode(Presentation.of(TokenSigner.create(CommandLine.tokenKey(server)).sign(pass)));

    CommandLine.Run english = CommandLine.verify(server, "--server", serverUrl, "--lang", "en", qr);
    CommandLine.Run chinese = CommandLine.verify(server, "--server", serverUrl, "--lang", "zh-CN", qr);
    CommandLine.Run utc = CommandLine.verify(server, "--server", serverUrl, "--lang", "en", "--zone", "UTC", qr);

    assertEquals(0, english.status(), english.output());
    String beijingTime = SHOWN.format(issued.atZone(ZoneId.of("Asia/Shanghai"))) + " (Asia/Shanghai)";
    assertTrue(english.output().contains("Employer        91110000100011743X"), english.output());
    assertTrue(english.output().contains("Route           110000, 131000"), english.output());
    assertTrue(english.output().contains("Vehicle         京A12345"), english.output());
    assertTrue(english.output().contains("freight-vehicle pass"), english.output());
    assertTrue(english.output().contains("Valid from      " + beijingTime), english.output());
    assertTrue(chinese.output().contains("用人单位        91110000100011743X"), chinese.output());
    assertTrue(chinese.output().contains("货运车辆通行证"), chinese.output());
    assertTrue(chinese.output().contains("生效时间        " + SHOWN.format(issued.atZone(ZoneId.of("Asia/Shanghai")))
      + "（Asia/Shanghai）"), chinese.output());
    assertTrue(utc.output().contains("Valid from      " + SHOWN.format(issued.atZone(ZoneId.of("UTC"))) + " (UTC)"),
      utc.output());
  }

  @Test
  void aMistypedPathIsAMissingFileNotAForgery(@TempDir Path dir) {
    String missing = dir.resolve("pass.png").toString();

    CommandLine.Run chinese = CommandLine.verify(server, "--server", serverUrl, missing);
    CommandLine.Run english = CommandLine.verify(server, "--server", serverUrl, "--lang", "en", "passes/today/pass.png");
    CommandLine.Run bareName = CommandLine.verify(server, "--server", serverUrl, "--lang", "en", "pass.jpg");

    assertEquals(VerifyCommand.COULD_NOT_RUN, chinese.status());
    assertTrue(chinese.output().contains("找不到文件：" + missing), chinese.output());
    assertTrue(english.output().contains("No such file: passes/today/pass.png. Check the path; nothing was verified."),
      english.output());
    assertEquals(VerifyCommand.COULD_NOT_RUN, bareName.status());
    for (CommandLine.Run run : List.of(chinese, english, bareName)) {
      assertFalse(run.output().contains("STOP") || run.output().contains("INPUT_NOT_RECOGNIZED"), run.output());
    }
  }

  @Test
  void anImageWithoutACodeSaysSoAndGivesNoVerdict(@TempDir Path dir) throws Exception {
    Path blank = dir.resolve("blank.png");
    BufferedImage white = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
    white.getGraphics().fillRect(0, 0, 200, 200);
    ImageIO.write(white, "png", blank.toFile());
    Path broken = dir.resolve("broken.png");
    Files.writeString(broken, "not an image");

    CommandLine.Run noCode = CommandLine.verify(server, "--server", serverUrl, "--lang", "en", blank.toString());
    CommandLine.Run notAnImage = CommandLine.verify(server, "--server", serverUrl, "--lang", "en", broken.toString());

    assertEquals(VerifyCommand.COULD_NOT_RUN, noCode.status());
    assertTrue(noCode.output().contains("No QR code found in " + blank + ": take the picture again"), noCode.output());
    assertEquals(VerifyCommand.COULD_NOT_RUN, notAnImage.status());
    assertTrue(notAnImage.output().contains("Cannot read the image " + broken), notAnImage.output());
  }

  @Test
  void aServerThatCannotBeReachedIsNamedAndNoVerdictIsGiven() {
    CommandLine.Run refused = CommandLine.verify(server, "--server", "http://localhost:1", "--lang", "en", "TX1:1");
    CommandLine.Run chinese = CommandLine.verify(server, "--server", "http://localhost:1", "TX1:1");

    assertEquals(VerifyCommand.COULD_NOT_RUN, refused.status());
    assertTrue(refused.output().contains("Cannot reach the server: http://localhost:1/.well-known/tongxing-trust-key.json"
      + " refused the connection"), refused.output());
    assertTrue(refused.output().contains("No verdict was reached (exit status 3)."), refused.output());
    assertTrue(chinese.output().contains("无法连接服务器"), chinese.output());
  }

  @Test
  void aBundleThatDoesNotVerifyWithThePinnedKeyGivesNoVerdict(@TempDir Path dir) throws Exception {
    Path otherKey = dir.resolve("trust.jwk");
    Files.writeString(otherKey, new ECKeyGenerator(Curve.P_256).generate().toPublicJWK().toJSONString());

    CommandLine.Run run = CommandLine.verify(server, "--server", serverUrl, "--lang", "en", "--trust-key",
      otherKey.toString(), "TX1:1");

    assertEquals(VerifyCommand.COULD_NOT_RUN, run.status());
    assertTrue(run.output().contains("The trust bundle from " + serverUrl + "/trust-bundle does not verify with the pinned"
      + " trust key"), run.output());
  }

  @Test
  void helpListsEveryOptionInBothLanguages() {
    CommandLine.Run chinese = CommandLine.verify(server, "--help");
    CommandLine.Run english = CommandLine.verify(server, "--help", "--lang", "en");

    assertEquals(0, chinese.status());
    assertEquals(0, english.status());
    for (String option : OPTIONS) {
      assertTrue(chinese.output().contains(option), option + " in\n" + chinese.output());
      assertTrue(english.output().contains(option), option + " in\n" + english.output());
    }
    assertTrue(chinese.output().contains("退出状态"), chinese.output());
    assertTrue(english.output().contains("Exit status: 0 PASS, 1 STOP, 2 REVIEW, 3 no verdict"), english.output());
  }

  @Test
  void aWrongCommandLineIsExplainedInTheChosenLanguage() {
    CommandLine.Run region = CommandLine.verify(server, "--lang", "en", "--region", "12345", "x");
    CommandLine.Run unknown = CommandLine.verify(server, "--colour", "TX1:1");
    CommandLine.Run nothing = CommandLine.verify(server, "--lang", "en");

    assertEquals(VerifyCommand.COULD_NOT_RUN, region.status());
    assertTrue(region.output().contains("--region: 12345 is not a six-digit GB/T 2260 region code."), region.output());
    assertTrue(unknown.output().contains("未知选项：--colour"), unknown.output());
    assertTrue(nothing.output().contains("Nothing to verify"), nothing.output());
  }

  private static StatusReference status(JsonObject healthCode) {
    JsonObject status = healthCode.getJsonObject("status");
    return new StatusReference(status.getLong("list"), status.getLong("index"));
  }
}
