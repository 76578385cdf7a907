package io.tongxing.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.server.http.Role;
import io.tongxing.server.support.Fixtures;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * The community desk's page for residents without a smartphone, in real Chromium: the clerk records a
 * walk-in grandmother as her grandson's family member (the form's refusal for a wrong guardian number
 * first, in Chinese), finds her, prints her paper card (the PDF link appears), sees the family link and
 * the card in the community's list, and withdraws it. axe-core checks the page.
 */
class ConsoleDeskBrowserTest {

  private static final String PASSWORD = "Desk-Staff-2020";

  private static Vertx vertx;
  private static TestServer server;
  private static Browser browser;
  private static String base;
  private static TestServer.Resident guardian;

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(Browser.available(),
      "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver; .ci/run does): desk browser test skipped");
    vertx = Vertx.vertx();
    server = TestServer.start(vertx, new JsonObject(), List.of(), TestDatabase.otherDatabase("desk"),
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    UUID desk = server.server.services().accounts().createStaffBySystem(Role.COMMUNITY_STAFF, "window", "社区窗口", PASSWORD, "test")
      .await();
    String admin = server.staffToken(Role.ADMIN);
    String community = "110105" + String.format("%06d", Math.abs(UUID.randomUUID().hashCode()) % 1_000_000);
    assertEquals(201, server.post("/api/v1/admin/communities", admin, new JsonObject().put("code", community).put("name", "幸福社区"))
      .status());
    assertEquals(200, server.put("/api/v1/admin/staff/" + desk + "/community", admin, new JsonObject().put("communityCode", community))
      .status());
    guardian = server.registerResident();
    base = "http://localhost:" + server.port() + "/console/";
    browser = new Browser();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.stop();
      vertx.close().await();
    }
  }

  @Test
  void theDeskRecordsAFamilyMemberPrintsHerCardAndWithdrawsIt() {
    browser.open(base + "#/");
    browser.waitFor(By.id("login-form"));
    browser.type(By.name("login"), "window");
    browser.type(By.name("password"), PASSWORD);
    browser.driver.findElement(By.name("password")).sendKeys(Keys.ENTER);
    browser.waitForPage("permits");
    browser.open(base + "#/desk");
    browser.waitForPage("desk");
    browser.waitFor(By.id("desk-dependant"));
    List<String> violations = browser.seriousViolations();
    assertTrue(violations.isEmpty(), String.join("\n", violations));

    // A guardian number nobody registered: the form says so, in Chinese, and names the field.
    String grandmother = Fixtures.idNumber();
    browser.type(By.cssSelector("#desk-dependant input[name=guardianIdNumber]"), Fixtures.idNumber());
    browser.type(By.cssSelector("#desk-dependant input[name=name]"), "王秀英");
    browser.type(By.cssSelector("#desk-dependant input[name=idNumber]"), grandmother);
    browser.driver.findElement(By.cssSelector("#desk-dependant button[type=submit]")).click();
    browser.waitForText(By.cssSelector("#desk-dependant .error"), "监护人须先注册");

    browser.type(By.cssSelector("#desk-dependant input[name=guardianIdNumber]"), guardian.idNumber());
    browser.driver.findElement(By.cssSelector("#desk-dependant button[type=submit]")).click();
    browser.waitForText(By.id("status"), "王秀英");

    browser.type(By.cssSelector("#desk-search input[name=idNumber]"), grandmother);
    browser.driver.findElement(By.cssSelector("#desk-search button[type=submit]")).click();
    browser.waitForText(By.id("desk-results"), "王*英");
    browser.driver.findElement(By.cssSelector("#desk-results button[data-action=print]")).click();
    browser.waitFor(By.id("desk-card-pdf"));
    browser.driver.findElement(By.cssSelector("#desk-results button[data-action=family]")).click();
    browser.waitForText(By.id("desk-family"), "王秀英");
    browser.waitFor(By.cssSelector("#desk-family [data-state=ACTIVE]"));
    browser.screenshot("desk", Path.of("target", "console-screenshots"));

    // The community's cards list the new card; withdrawing it with a reason stops it for good.
    browser.open(base + "#/permits");
    browser.waitForPage("permits");
    browser.open(base + "#/desk");
    browser.waitForPage("desk");
    browser.waitFor(By.cssSelector("main table [data-state=CURRENT]"));
    browser.waitFor(By.cssSelector("main table .reason-action button")).click();
    browser.type(By.cssSelector("main table .reason-form textarea[name=reason]"), "卡片遗失（浏览器测试）");
    browser.driver.findElement(By.cssSelector("main table .reason-form button[type=submit]")).click();
    browser.waitFor(By.cssSelector("main table [data-state=WITHDRAWN]"));
    browser.waitFor(By.cssSelector("main table [data-state=INVALID]"));
  }
}
