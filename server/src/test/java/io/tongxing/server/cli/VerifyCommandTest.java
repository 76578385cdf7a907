package io.tongxing.server.cli;

import io.tongxing.qr.QrCode;
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
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code verify} against a running server. The command judges time by the real clock, so each test
 * sets the server's clock to real time before the code is issued and the bundle signed (registering
 * moves the test clock on by a minute per one-time code).
 */
@ExtendWith(VertxExtension.class)
class VerifyCommandTest {

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
  void aPngOfAGreenCodePassesWithExitStatusZero(@TempDir Path dir) throws Exception {
    Resident resident = server.registerResident();
    server.clock.set(Instant.now());
    String token = server.accessToken(resident);
    String qrText = checkIn(token, 36.6, "NONE");
    Path png = dir.resolve("code.png");
    Files.write(png, QrCode.encode(qrText).png(6));

    Run run = verify("--server", "http://localhost:" + server.port(), png.toString());

    assertEquals(0, run.status, run.output);
    assertTrue(run.output.contains("PASS   ACCEPTED"), run.output);
    assertTrue(run.output.contains("测*民"), run.output);
    assertTrue(run.output.contains("thumbprint"), run.output);
  }

  @Test
  void aYellowCodeTypedAsTextStopsWithExitStatusOne() {
    Resident resident = server.registerResident();
    server.clock.set(Instant.now());
    String token = server.accessToken(resident);
    String qrText = checkIn(token, 38.5, "FEVER");

    Run run = verify("--server", "http://localhost:" + server.port(), qrText);

    assertEquals(1, run.status, run.output);
    assertTrue(run.output.contains("CODE_YELLOW"), run.output);
  }

  @Test
  void aForgeryStopsAndAnUnreachableServerCannotRun() {
    Run forged = verify("--server", "http://localhost:" + server.port(), "TX1:00000000000000000");
    Run unreachable = verify("--server", "http://localhost:1", "TX1:1");
    Run usage = verify("--region", "12345", "x");

    assertEquals(1, forged.status, forged.output);
    assertTrue(forged.output.contains("QR_FRAME_MALFORMED"), forged.output);
    assertEquals(VerifyCommand.COULD_NOT_RUN, unreachable.status);
    assertEquals(VerifyCommand.COULD_NOT_RUN, usage.status);
    assertTrue(usage.output.contains("not a six-digit"), usage.output);
  }

  private static String checkIn(String token, double temperature, String symptom) {
    JsonObject checkIn = new JsonObject().put("temperature", temperature).put("symptoms", new JsonArray().add(symptom));
    return server.post("/api/v1/me/check-ins", token, checkIn).json().getJsonObject("healthCode").getString("qrText");
  }

  private record Run(int status, String output) {
  }

  private static Run verify(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status = VerifyCommand.run(List.of(args), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return new Run(status, bytes.toString(StandardCharsets.UTF_8));
  }
}
