package io.tongxing.server.console;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.server.demo.DemoData;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestDevice;
import io.tongxing.server.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The authority console clicked through in headless chromium against a running server and its
 * database (the demo data of the README's run command, plus one enrolled device's scans). Every
 * page is checked with axe-core for serious and critical violations, and photographed:
 * into target/console-screenshots, and into docs/console with -Dtongxing.screenshots=docs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

  private static final Path SHOTS = Path.of("target", "console-screenshots");
  private static final Path DOCS = Path.of("..", "docs", "console");

  private static Vertx vertx;
  private static TestServer server;
  private static Browser browser;
  private static String base;
  private static TestServer.Resident resident;
  private static TestDevice device;

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(Browser.available(),
      "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver; .ci/run does): console browser tests skipped");
    vertx = Vertx.vertx();
    server = TestServer.start(vertx, new JsonObject(), List.of(), TestDatabase.otherDatabase("console"),
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    new DemoData(server.server.services(), server.clock, server.config.zone()).seed().await();
    String admin = server.login("admin", "Demo-Staff-2020").getString("accessToken");
    resident = server.registerResident();
    device = TestDevice.enrolled(server, admin);
    Instant now = server.clock.instant();
    long sequence = 1;
    int[] perHour = {12, 30, 55, 41, 18, 7};
    for (int h = 0; h < perHour.length; h++) {
      JsonArray records = device.batch(sequence, perHour[h], now.minus(Duration.ofHours(perHour.length - h)).plusSeconds(60));
      sequence += perHour[h];
      records.add(device.refused(sequence++, now.minus(Duration.ofHours(perHour.length - h)).plusSeconds(30)));
      assertEquals(200, device.upload(records).status());
    }
    assertEquals(200, device.sync().status());
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

  private static void photograph(String name) {
    if ("docs".equals(System.getProperty("tongxing.screenshots"))) {
      browser.screenshot(name, SHOTS, DOCS);
    } else {
      browser.screenshot(name, SHOTS);
    }
  }

  private static void assertAccessible(String page) {
    List<String> violations = browser.seriousViolations();
    assertTrue(violations.isEmpty(), page + ": " + String.join("\n", violations));
  }

  @Test
  @Order(1)
  void anAdminLogsInWithTheKeyboardAndLandsOnTheDashboardWithItsCharts() {
    browser.open(base);
    browser.waitFor(By.id("login-form"));
    assertEquals("zh-CN", browser.script("return document.documentElement.lang"));
    assertAccessible("login");
    photograph("login");

    browser.type(By.name("login"), "admin");
    browser.type(By.name("password"), "Demo-Staff-2020");
    browser.driver.findElement(By.name("password")).sendKeys(Keys.ENTER);

    browser.waitForPage("dashboard");
    browser.waitUntil(d -> d.findElements(By.cssSelector("div.echart[data-drawn] canvas")).size() >= 5);
    List<WebElement> charts = browser.driver.findElements(By.cssSelector("div.echart[role=img]"));
    assertTrue(charts.stream().allMatch(c -> !c.getAttribute("aria-label").isBlank()), "every chart is described");
    String text = browser.driver.findElement(By.tagName("main")).getText();
    String described = String.join("\n", charts.stream().map(c -> c.getAttribute("aria-label")).toList());
    assertTrue(text.contains("各卡口每小时扫码"), text);
    assertTrue(described.contains(device.checkpointId), "the heat map names the checkpoint: " + described);
    assertTrue(described.contains("拦截"), "the verdict mix names verdicts in words: " + described);
    assertAccessible("dashboard");
    photograph("dashboard");
  }

  @Test
  @Order(2)
  void theRiskMapShowsEveryCountyInWordsAndAChangeWithItsReasonJoinsTheHistory() {
    browser.open(base + "#/risk");
    browser.waitForPage("risk");
    assertEquals(16, browser.driver.findElements(By.cssSelector("button.tile")).size(), "Beijing's sixteen districts");
    WebElement fengtai = browser.driver.findElement(By.cssSelector("button[data-county='110106']"));
    assertTrue(fengtai.getText().contains("中风险"), fengtai.getText());

    fengtai.click();
    browser.waitFor(By.id("risk-form"));
    new Select(browser.driver.findElement(By.cssSelector("#risk-form select[name=level]"))).selectByValue("HIGH");
    browser.type(By.cssSelector("#risk-form textarea[name=reason]"), "丰台区新增聚集性疫情（浏览器测试）");
    browser.driver.findElement(By.cssSelector("#risk-form button[type=submit]")).click();

    browser.waitForText(By.id("county-panel"), "丰台区新增聚集性疫情（浏览器测试）");
    browser.waitForText(By.cssSelector("button[data-county='110106']"), "高风险");
    assertAccessible("risk map");
    photograph("risk-map");
  }

  @Test
  @Order(3)
  void aPersonIsFoundByIdNumberShownMaskedAndFlaggedWithAReason() {
    browser.open(base + "#/persons");
    browser.waitForPage("persons");
    browser.type(By.cssSelector("#person-search input[name=idNumber]"), resident.idNumber());
    browser.driver.findElement(By.cssSelector("#person-search button[type=submit]")).click();

    browser.waitFor(By.id("flag-form"));
    assertFalse(browser.driver.getPageSource().contains(resident.idNumber()), "the full ID number is never shown");
    assertTrue(browser.driver.findElement(By.id("person-result")).getText().contains(resident.idNumber().substring(14)));

    new Select(browser.driver.findElement(By.cssSelector("#flag-form select[name=flag]"))).selectByValue("CONFIRMED");
    browser.type(By.cssSelector("#flag-form textarea[name=reason]"), "核酸检测阳性（浏览器测试）");
    browser.driver.findElement(By.cssSelector("#flag-form button[type=submit]")).click();

    browser.waitForText(By.id("person-result"), "核酸检测阳性（浏览器测试）");
    String card = browser.driver.findElement(By.cssSelector("#person-result .person")).getText();
    assertTrue(card.contains("红码") && card.contains("case-under-treatment"), card);
    assertAccessible("persons");
    photograph("persons");
  }

  @Test
  @Order(4)
  void aCheckpointIsRegisteredAndIssuesAnEnrollmentCodeAndADevicesSyncAndUploadsAreShown() {
    browser.open(base + "#/checkpoints");
    browser.waitForPage("checkpoints");
    browser.driver.findElement(By.cssSelector("details.card summary")).click();
    browser.type(By.cssSelector("#checkpoint-form input[name=id]"), "bj-gu-an");
    browser.type(By.cssSelector("#checkpoint-form input[name=nameZh]"), "固安检查站");
    browser.type(By.cssSelector("#checkpoint-form input[name=nameEn]"), "Gu'an checkpoint");
    browser.type(By.cssSelector("#checkpoint-form input[name=region]"), "110115");
    new Select(browser.driver.findElement(By.cssSelector("#checkpoint-form select[name=corridorId]"))).selectByValue("beijing-langfang");
    browser.type(By.cssSelector("#checkpoint-form input[name=location]"), "京开高速");
    browser.type(By.cssSelector("#checkpoint-form textarea[name=reason]"), "新设卡口");
    browser.driver.findElement(By.cssSelector("#checkpoint-form button[type=submit]")).click();

    browser.waitFor(By.id("enrollment-form"));
    browser.type(By.cssSelector("#enrollment-form textarea[name=reason]"), "新设备");
    browser.driver.findElement(By.cssSelector("#enrollment-form button[type=submit]")).click();
    assertTrue(browser.waitFor(By.cssSelector(".code-once strong")).getText().matches("[A-Z2-9-]{12,14}"));

    browser.open(base + "#/checkpoints?id=" + device.checkpointId);
    browser.waitForText(By.id("checkpoint-detail"), "Tongzhou checkpoint");
    String detail = browser.driver.findElement(By.id("checkpoint-detail")).getText();
    assertTrue(detail.contains("169"), "the device's highest sequence number: " + detail);
    assertAccessible("checkpoints");
    photograph("checkpoints");
  }

  @Test
  @Order(5)
  void aBulletinIsPublishedFromTheNoticesPage() {
    browser.open(base + "#/notices");
    browser.waitForPage("notices");
    browser.type(By.cssSelector("#bulletin-form input[name=title]"), "丰台区升为高风险");
    browser.type(By.cssSelector("#bulletin-form textarea[name=text]"), "自即日起，丰台区来京人员须持48小时核酸阴性证明。");
    browser.type(By.cssSelector("#bulletin-form input[name=counties]"), "110106");
    browser.driver.findElement(By.cssSelector("#bulletin-form button[type=submit]")).click();
    browser.waitForText(By.tagName("main"), "自即日起，丰台区来京人员须持48小时核酸阴性证明。");
    assertAccessible("notices");
    photograph("notices");
  }

  @Test
  @Order(6)
  void aPartnerAgreementIsAmendedFromThePartnersPage() {
    String admin = server.login("admin", "Demo-Staff-2020").getString("accessToken");
    JsonArray kinds = new JsonArray().add("HEALTH_CODE");
    TestServer.Reply introduced = server.post("/api/v1/admin/partners", admin, new JsonObject()
      .put("regionCode", "131000").put("name", "廊坊市").put("nameEn", "Langfang")
      .put("baseUrl", "http://localhost:9").put("trustKeyThumbprint", "A".repeat(43)).put("contactKey", "B".repeat(43))
      .put("scope", new JsonObject().put("inbound", new JsonObject().put("kinds", kinds).put("corridors", new JsonArray().add("*")))
        .put("outbound", new JsonObject().put("kinds", new JsonArray().add("BULLETIN")).put("corridors", new JsonArray().add("*"))))
      .put("reason", "京廊联防联控协议"));
    assertEquals(201, introduced.status(), introduced.toString());

    browser.open(base + "#/partners");
    browser.driver.navigate().refresh(); // the previous test ended on this page: load it again with the partner
    browser.waitForPage("partners");
    browser.waitFor(By.xpath("//details[.//form[@id='amend-form']]/summary")).click();
    WebElement commuterPass = browser.waitFor(By.cssSelector("#amend-form input[name=inboundKinds][value=COMMUTER_PASS]"));
    assertTrue(browser.driver.findElement(By.cssSelector("#amend-form input[name=inboundKinds][value=HEALTH_CODE]")).isSelected(),
      "the form shows the agreement as it is");
    commuterPass.click();
    browser.type(By.cssSelector("#amend-form textarea[name=reason]"), "补充互认通勤证");
    browser.driver.findElement(By.cssSelector("#amend-form button[type=submit]")).click();

    browser.waitForText(By.tagName("main"), "健康码、通勤证");
    JsonObject partner = server.get("/api/v1/admin/partners", admin).array().getJsonObject(0);
    assertEquals(new JsonArray().add("HEALTH_CODE").add("COMMUTER_PASS"),
      partner.getJsonObject("scope").getJsonObject("inbound").getJsonArray("kinds"));
    assertAccessible("partners");
    photograph("partners");
  }

  @Test
  @Order(7)
  void anExposureQueryRunsForTheConfirmedCaseAndTheAuditLogFindsTheChanges() {
    browser.open(base + "#/persons");
    browser.waitForPage("persons");
    browser.type(By.cssSelector("#person-search input[name=idNumber]"), resident.idNumber());
    browser.driver.findElement(By.cssSelector("#person-search button[type=submit]")).click();
    browser.waitFor(By.linkText("以此人发起密接查询")).click();

    browser.waitForPage("exposure");
    browser.type(By.cssSelector("#exposure-form textarea[name=reason]"), "流调（浏览器测试）");
    browser.driver.findElement(By.cssSelector("#exposure-form button[type=submit]")).click();
    browser.waitFor(By.cssSelector("#exposure-result section"));
    assertAccessible("exposure");
    photograph("exposure");

    browser.open(base + "#/audit?q=risk_level");
    browser.waitForPage("audit");
    String entries = browser.driver.findElement(By.id("audit-results")).getText();
    assertTrue(entries.contains("丰台区新增聚集性疫情（浏览器测试）"), entries);
    assertFalse(entries.contains("核酸检测阳性（浏览器测试）"), "the search keeps only matching entries");
    assertAccessible("audit");
    photograph("audit");
  }

  @Test
  @Order(8)
  void theConsoleSwitchesToEnglish() {
    browser.open(base + "#/dashboard");
    browser.waitForPage("dashboard");
    browser.driver.findElement(By.id("lang")).click();
    browser.waitForText(By.id("nav"), "Control index");
    browser.waitForPage("dashboard");
    assertEquals("en", browser.script("return document.documentElement.lang"));
    assertTrue(browser.driver.findElement(By.tagName("main")).getText().contains("Scans per checkpoint per hour"));
    assertAccessible("dashboard (en)");
    photograph("dashboard-en");
    browser.driver.findElement(By.id("lang")).click();
    browser.waitForText(By.id("nav"), "一指数");
  }
}
