package io.tongxing.server.http;

import io.tongxing.server.support.CapturedLogs;
import io.tongxing.server.support.MutableClock;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A path that cannot be decoded is a client error like any other: a JSON 400 naming the path, in the
 * caller's language, and at most a bounded WARN line in the log — never a 500, never a stack trace,
 * however many an anonymous client sends.
 */
@ExtendWith(VertxExtension.class)
class UndecodablePathsTest {

  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/%zz", "/%", "/%4", "/api/v1/%zz", "/api/v1/admin/persons/%zz", "/api/v1/me/%C0%AF",
    "/api/v1/me/%ED%A0%80", "/console/%ff"})
  void anUndecodablePathIsAJson400NamingThePath(String path) {
    Reply reply = server.call(HttpMethod.GET, path, null, null, MultiMap.caseInsensitiveMultiMap().add("Accept-Language", "en"));

    assertEquals(400, reply.status(), reply.toString());
    assertEquals("MALFORMED_PATH", reply.code());
    assertEquals("path", reply.field());
    assertTrue(reply.json().getString("message").startsWith("The request path cannot be decoded"), reply.toString());
    assertTrue(reply.headers().get("Content-Type").startsWith("application/json"));
  }

  @Test
  void aPathWithValidEscapesIsRoutedAsBefore() {
    assertEquals("NOT_FOUND", server.get("/api/v1/no%20such%E4%B8%AD", null).code());
    assertEquals(200, server.get("/health/%6Cive", null).status());
  }

  @Test
  void aFloodOfUndecodablePathsLeavesAFewWarnLinesWithoutStackTraces() {
    int from = CapturedLogs.length();

    for (int i = 0; i < 200; i++) {
      assertEquals(400, server.get("/%zz" + i, null).status());
    }

    List<String> lines = new ArrayList<>();
    for (String line : CapturedLogs.text().substring(from).split("\n")) {
      if (line.contains("UndecodablePaths") || line.contains("Invalid escape") || line.contains("stepArray")) {
        lines.add(line);
      }
    }
    assertFalse(lines.isEmpty(), "the refusals are logged at all");
    assertTrue(lines.size() <= 10, lines.size() + " lines for 200 requests");
    assertTrue(lines.stream().allMatch(line -> line.contains("\"level\":\"WARN\"") && !line.contains("stepArray")), lines.get(0));
  }

  @Test
  void theBudgetWritesSoManyLinesAMinuteAndCountsTheRest() {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-15T02:00:00Z"));
    LogBudget budget = new LogBudget(clock, 2);
    List<Long> written = new ArrayList<>();

    for (int i = 0; i < 5; i++) {
      budget.spend(written::add);
    }
    clock.advance(Duration.ofMinutes(1));
    budget.spend(written::add);

    assertEquals(List.of(0L, 0L, 3L), written, "two lines, then after a minute one saying three were left out");
  }
}
