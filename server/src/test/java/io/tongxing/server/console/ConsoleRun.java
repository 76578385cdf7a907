package io.tongxing.server.console;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.server.support.Fixtures;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.util.List;

/**
 * A console browser test's world: a server on a database of its own and, once the test has seeded
 * what it needs, one headless chromium. Skipped, with a message, where chromium is not installed.
 */
final class ConsoleRun implements AutoCloseable {

  final Vertx vertx;
  final TestServer server;
  Browser browser;
  String base;

  private ConsoleRun(Vertx vertx, TestServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  static ConsoleRun start(String database) {
    Assumptions.assumeTrue(Browser.available(),
      "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver; .ci/run does): console browser test skipped");
    Vertx vertx = Vertx.vertx();
    return new ConsoleRun(vertx, TestServer.start(vertx, new JsonObject(), List.of(), TestDatabase.otherDatabase(database),
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
  }

  /** The browser, this many CSS pixels wide, on the server's console. */
  Browser openBrowser(int width) {
    base = "http://localhost:" + server.port() + "/console/";
    browser = new Browser(width);
    return browser;
  }

  /**
   * A grandmother, 王秀英, recorded at the desk of {@code deskToken}'s community as the family member of
   * the registered resident {@code guardianIdNumber}, and her paper card printed; her ID number.
   */
  String familyMemberWithPaperCard(String deskToken, String guardianIdNumber) {
    String member = Fixtures.idNumber();
    TestServer.Reply added = server.post("/api/v1/community/dependants", deskToken, new JsonObject()
      .put("guardianIdNumber", guardianIdNumber).put("name", "王秀英").put("idNumber", member).put("relation", "GRANDPARENT"));
    Assertions.assertEquals(201, added.status(), added.toString());
    String memberId = server.post("/api/v1/community/residents/search", deskToken, new JsonObject().put("idNumber", member)).array()
      .getJsonObject(0).getString("residentId");
    TestServer.Reply printed = server.post("/api/v1/community/residents/" + memberId + "/paper-card", deskToken, new JsonObject());
    Assertions.assertEquals(201, printed.status(), printed.toString());
    return member;
  }

  @Override
  public void close() {
    if (browser != null) {
      browser.close();
    }
    server.stop();
    vertx.close().await();
  }
}
