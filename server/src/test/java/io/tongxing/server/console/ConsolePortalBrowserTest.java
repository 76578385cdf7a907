package io.tongxing.server.console;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.server.http.Role;
import io.tongxing.server.support.Fixtures;
import io.tongxing.server.support.TestDatabase;
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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The enterprise portal, the pass review queue and the community desk clicked through in headless
 * chromium against a running server and its database: an enterprise registers, adds and imports
 * employees (a refused file with its per-row report, then a good one with its progress), edits one, issues a
 * work letter and applies for passes; a reviewer approves one, is refused approving another that
 * lacks its letter, rejects it with a reason and revokes the first pass; the enterprise sees all
 * of it; community staff issue and revoke a permit, then find a resident by name fragment and by ID
 * number and issue and revoke from the result. axe-core checks every page.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsolePortalBrowserTest {

  private static final Path SHOTS = Path.of("target", "console-screenshots");
  private static final Path DOCS = Path.of("..", "docs", "console");
  private static final String STAFF_PASSWORD = "Portal-Staff-2020";
  private static final String ENTERPRISE_PASSWORD = "Portal-Enterprise-2020";
  private static final int PARTNER_ROWS = 3000;

  private static Vertx vertx;
  private static TestServer server;
  private static Browser browser;
  private static String base;
  private static String adminToken;
  private static String corridor;
  private static final String CREDIT_CODE = Fixtures.creditCode();
  private static TestServer.Resident withLetter;
  private static TestServer.Resident imported;
  private static TestServer.Resident neighbour;
  private static Path files;

  @BeforeAll
  static void start() throws IOException {
    Assumptions.assumeTrue(Browser.available(),
      "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver; .ci/run does): portal browser tests skipped");
    vertx = Vertx.vertx();
    server = TestServer.start(vertx, new JsonObject(), List.of(), TestDatabase.otherDatabase("portal"),
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    staff(Role.ADMIN, "reviewer");
    UUID desk = staff(Role.COMMUNITY_STAFF, "desk");
    adminToken = server.login("reviewer", STAFF_PASSWORD).getString("accessToken");
    corridor = "wc-" + Integer.toString(Math.abs(UUID.randomUUID().hashCode()), 36);
    expect(201, server.post("/api/v1/admin/corridors", adminToken, new JsonObject().put("id", corridor).put("nameZh", "嘉昆通勤")
      .put("nameEn", "Jiading–Kunshan commute").put("regions", new JsonArray().add("110115").add("131022"))
      .put("model", "WORK_COMMUTE").put("validityDays", 30)));
    String community = "110105" + String.format("%06d", Math.abs(UUID.randomUUID().hashCode()) % 1_000_000);
    expect(201, server.post("/api/v1/admin/communities", adminToken, new JsonObject().put("code", community).put("name", "建外街道测试社区")));
    expect(200, server.put("/api/v1/admin/staff/" + desk + "/community", adminToken, new JsonObject().put("communityCode", community)));
    withLetter = server.registerResident();
    imported = server.registerResident();
    neighbour = server.registerResident();
    expect(200, server.put("/api/v1/me/community", server.accessToken(neighbour), new JsonObject().put("communityCode", community)));
    files = Files.createTempDirectory("portal-csv");
    base = "http://localhost:" + server.port() + "/console/";
    browser = new Browser();
  }

  @AfterAll
  static void stop() throws IOException {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.stop();
      vertx.close().await();
    }
    if (files != null) {
      try (var list = Files.list(files)) {
        for (Path p : list.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(files);
    }
  }

  private static UUID staff(Role role, String username) {
    return server.server.services().accounts().createStaffBySystem(role, username, "测试" + role, STAFF_PASSWORD, "test").await();
  }

  private static void expect(int status, TestServer.Reply reply) {
    assertEquals(status, reply.status(), reply.toString());
  }

  /** The permits page, its resident search by a fragment of the name, and the result's table. */
  private static void searchResidentsOfTheCommunity(String nameFragment) {
    browser.open(base + "#/permits");
    browser.waitForPage("permits");
    browser.type(By.cssSelector("#resident-search input[name=name]"), nameFragment);
    submit("#resident-search");
    browser.waitFor(By.cssSelector("#resident-results table"));
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

  private static String main() {
    return browser.driver.findElement(By.tagName("main")).getText();
  }

  private static void submit(String form) {
    browser.driver.findElement(By.cssSelector(form + " button[type=submit]")).click();
  }

  private static void logIn(String login, String password, String home) {
    if (!browser.driver.findElements(By.id("logout")).isEmpty() && browser.driver.findElement(By.id("logout")).isDisplayed()) {
      browser.driver.findElement(By.id("logout")).click();
      // The logout re-renders the page after its request returns: wait for that, or the login form found
      // below may be replaced under the typing (a stale element on a busy machine).
      browser.waitUntil(d -> d.findElements(By.cssSelector("#logout")).stream().noneMatch(Browser::shown));
    }
    browser.open(base + "#/");
    browser.waitFor(By.id("login-form"));
    browser.type(By.name("login"), login);
    browser.type(By.name("password"), password);
    browser.driver.findElement(By.name("password")).sendKeys(Keys.ENTER);
    browser.waitForPage(home);
  }

  private static Path csv(String name, List<String> rows) throws IOException {
    Path file = files.resolve(name);
    Files.writeString(file, "name,idNumber,homeRegion\n" + String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  @Test
  @Order(1)
  void anEnterpriseRegistersAndLandsOnItsEmployees() {
    browser.open(base);
    browser.waitFor(By.linkText("企业注册")).click();
    browser.waitForPage("register");
    browser.type(By.cssSelector("#register-form input[name=name]"), "嘉定通勤示范有限公司");
    browser.type(By.cssSelector("#register-form input[name=creditCode]"), CREDIT_CODE);
    browser.type(By.cssSelector("#register-form input[name=password]"), "short");
    submit("#register-form");
    browser.waitForText(By.cssSelector("#register-form .error"), "密码：至少 10 个字符");
    assertFalse(browser.driver.findElement(By.cssSelector("#register-form .error")).getText().contains("password"));
    assertAccessible("register (refused)");
    photograph("register");

    browser.type(By.cssSelector("#register-form input[name=password]"), ENTERPRISE_PASSWORD);
    submit("#register-form");
    browser.waitForPage("employees");
    assertTrue(browser.driver.findElement(By.id("who")).getText().contains("企业"));
    expect(200, server.post("/api/v1/admin/corridors/" + corridor + "/enterprises", adminToken,
      new JsonObject().put("creditCode", CREDIT_CODE)));
  }

  @Test
  @Order(2)
  void anEmployeeIsAddedAndGivenAWorkLetter() {
    browser.open(base + "#/employees");
    browser.waitForPage("employees");
    browser.type(By.cssSelector("#employee-form input[name=name]"), "测试居民");
    browser.type(By.cssSelector("#employee-form input[name=idNumber]"), withLetter.idNumber());
    submit("#employee-form");
    browser.waitFor(By.id("document-form"));
    browser.waitForText(By.id("employee-detail"), withLetter.idNumber().substring(14));
    assertFalse(browser.driver.getPageSource().contains(withLetter.idNumber()), "the full ID number is never shown");

    new Select(browser.driver.findElement(By.cssSelector("#document-form select[name=kind]"))).selectByValue("WORK_LETTER");
    submit("#document-form");
    browser.waitFor(By.cssSelector("#employee-detail table [data-state=ACTIVE]"));
    browser.waitForText(By.cssSelector("#employee-detail table"), "工作证明");

    browser.driver.findElement(By.cssSelector("#employee-detail details summary")).click();
    // Another spelling of the same name (issue 14: a listing stays linked to its resident only while
    // name and ID number both match the registration; a different name would end the link).
    browser.type(By.cssSelector("#employee-edit-form input[name=name]"), "测试 居民");
    submit("#employee-edit-form");
    browser.waitForText(By.id("status"), "测试 居民");
    browser.waitForPage("employees");
    browser.waitForText(By.cssSelector("main table"), "测试 居民");
    browser.waitForText(By.cssSelector("#employee-detail h3"), "测试 居民");
    assertFalse(browser.driver.getPageSource().contains(withLetter.idNumber()), "the full ID number is never shown");
    assertAccessible("employees");
    photograph("employees");
  }

  @Test
  @Order(3)
  void aCsvImportWithARefusedRowImportsNothingAndReportsTheRowThenTheCorrectedFileImportsWithItsProgress() throws IOException {
    String badId = Fixtures.idNumberWithWrongCheckDigit();
    Path refused = csv("refused.csv", List.of("测试居民," + imported.idNumber() + ",", "外地员工," + Fixtures.idNumber() + ",131082",
      "校验错误," + badId + ",131082"));
    browser.open(base + "#/import");
    browser.waitForPage("import");
    browser.driver.findElement(By.cssSelector("#import-form input[type=file]")).sendKeys(refused.toAbsolutePath().toString());
    submit("#import-form");
    browser.waitFor(By.cssSelector("#import-rows table"));
    String report = browser.driver.findElement(By.id("import-report")).getText();
    assertTrue(report.contains("被拒") && report.contains("身份证号") && report.contains("未导入"), report);
    assertFalse(report.contains("idNumber") || report.contains("INVALID_ID_NUMBER"), "no API names: " + report);
    assertTrue(browser.driver.findElement(By.cssSelector("#import-form .error")).getText().contains("4"),
      "the refusal names line 4");
    assertEquals(1, browser.driver.findElements(By.cssSelector("#import-rows tbody tr")).size(), "only the refused row is listed");
    assertAccessible("import (refused)");

    List<String> rows = new java.util.ArrayList<>();
    rows.add("测试居民," + imported.idNumber() + ",");
    java.util.Set<String> ids = new java.util.HashSet<>(List.of(imported.idNumber()));
    while (rows.size() <= PARTNER_ROWS) {
      String id = Fixtures.idNumber();
      if (ids.add(id)) {
        rows.add("外地员工" + rows.size() + "," + id + ",131082");
      }
    }
    Path good = csv("employees.csv", rows);
    browser.driver.findElement(By.cssSelector("#import-form input[type=file]")).sendKeys(good.toAbsolutePath().toString());
    submit("#import-form");
    browser.waitForText(By.id("import-report"), "已完成");
    WebElement bar = browser.driver.findElement(By.id("import-bar"));
    assertEquals("COMPLETED", bar.getAttribute("data-state"));
    assertEquals("1", bar.getAttribute("value"));
    String figures = browser.driver.findElement(By.id("import-figures")).getText();
    assertTrue(figures.contains(String.format("%,d", Files.size(good))) && figures.contains("100%"), figures);
    assertTrue(figures.contains("新增 " + String.format("%,d", PARTNER_ROWS + 1)), figures);
    assertEquals(200, browser.driver.findElements(By.cssSelector("#import-rows tbody tr")).size(), "the first page of the report");
    assertAccessible("import");
    photograph("import");
  }

  @Test
  @Order(4)
  void theEnterpriseAppliesForTwoEmployeesOnItsCorridor() {
    browser.open(base + "#/applications");
    browser.waitForPage("applications");
    for (TestServer.Resident r : List.of(withLetter, imported)) {
      int before = browser.driver.findElements(By.cssSelector("[data-state=SUBMITTED]")).size();
      Select employee = new Select(browser.waitFor(By.cssSelector("#apply-form select[name=employeeId]")));
      employee.getOptions().stream().filter(o -> o.getText().endsWith(r.idNumber().substring(14))).findFirst().orElseThrow().click();
      new Select(browser.driver.findElement(By.cssSelector("#apply-form select[name=corridorId]"))).selectByValue(corridor);
      submit("#apply-form");
      browser.waitUntil(d -> d.findElements(By.cssSelector("main[data-ready=applications] [data-state=SUBMITTED]")).size() == before + 1);
    }
    String list = main();
    assertTrue(list.contains("尚缺：工作证明"), "the imported employee has no letter yet: " + list);
    assertEquals(2, browser.driver.findElements(By.cssSelector("[data-state=SUBMITTED]")).size(), list);
    assertAccessible("applications (pending)");
  }

  @Test
  @Order(5)
  void aReviewerApprovesWithTheProofsSideBySideIsRefusedWhenALetterIsMissingRejectsWithAReasonAndRevokesAPass() {
    logIn("reviewer", STAFF_PASSWORD, "dashboard");
    browser.open(base + "#/review");
    browser.waitForPage("review");
    assertEquals(2, browser.driver.findElements(By.cssSelector("#main table a")).size());
    openApplicationOf(withLetter);
    browser.waitFor(By.id("review-proofs"));
    String proofs = browser.driver.findElement(By.id("review-proofs")).getText();
    assertTrue(proofs.contains("工作证明") && proofs.contains("已具备") && proofs.contains("绿码"), proofs);
    browser.waitFor(By.id("review-documents"));
    WebElement letter = browser.driver.findElement(By.cssSelector("#review-documents [data-kind=WORK_LETTER]"));
    String shown = letter.getText();
    assertTrue(shown.contains("嘉定通勤示范有限公司") && shown.contains(withLetter.idNumber().substring(14))
      && shown.contains("签名文件验证通过"), shown);
    for (WebElement card : browser.driver.findElements(By.cssSelector("#review-documents li"))) {
      assertFalse(card.getText().isBlank(), "each proof says something");
    }
    assertFalse(browser.driver.getPageSource().contains(withLetter.idNumber()), "the full ID number is never shown");
    assertAccessible("review");
    browser.script("arguments[0].scrollIntoView({block: 'end'})", browser.driver.findElement(By.id("review-documents")));
    photograph("review");
    browser.type(By.cssSelector("#approve-form textarea[name=reason]"), "材料齐全（浏览器测试）");
    submit("#approve-form");
    browser.waitForText(By.id("review-standing"), "有效");

    browser.open(base + "#/review");
    browser.waitForPage("review");
    openApplicationOf(imported);
    browser.waitFor(By.id("review-proofs"));
    assertTrue(browser.driver.findElement(By.cssSelector("[data-requirement=WORK_LETTER]")).getText().contains("缺少"));
    submit("#approve-form");
    browser.waitForText(By.cssSelector("#approve-form .error"), "工作证明");
    browser.type(By.cssSelector("#reject-form textarea[name=reason]"), "缺少单位证明（浏览器测试）");
    submit("#reject-form");
    browser.waitForText(By.id("review-standing"), "已驳回");

    browser.open(base + "#/review?state=APPROVED");
    browser.waitForPage("review");
    browser.driver.findElement(By.cssSelector("#main table a")).click();
    browser.waitFor(By.cssSelector("#revoke-pass button")).click();
    browser.type(By.cssSelector("#revoke-pass textarea[name=reason]"), "核查发现证明不实（浏览器测试）");
    submit("#revoke-pass");
    browser.waitForText(By.id("review-standing"), "已撤销");
    assertAccessible("review (revoked)");

    JsonObject dashboard = server.get("/api/v1/admin/dashboard", adminToken).json();
    assertEquals(new JsonObject().put("SUBMITTED", 0).put("APPROVED", 1).put("REJECTED", 1), dashboard.getJsonObject("applicationsByState"));
    assertEquals(1L, dashboard.getJsonObject("passesByState").getLong("REVOKED"));
  }

  /** Opens the application of this resident from the review list (the row with their ID's last four). */
  private static void openApplicationOf(TestServer.Resident r) {
    browser.driver.findElements(By.cssSelector("#main table tbody tr")).stream()
      .filter(row -> row.getText().contains(r.idNumber().substring(14))).findFirst().orElseThrow()
      .findElement(By.tagName("a")).click();
  }

  @Test
  @Order(6)
  void theEnterpriseFollowsItsApplicationsRejectedWithTheReasonAndRevoked() {
    logIn(CREDIT_CODE, ENTERPRISE_PASSWORD, "employees");
    browser.open(base + "#/applications");
    browser.waitForPage("applications");
    String list = main();
    assertTrue(list.contains("缺少单位证明（浏览器测试）"), list);
    assertEquals(1, browser.driver.findElements(By.cssSelector("[data-state=REJECTED]")).size(), list);
    assertEquals(1, browser.driver.findElements(By.cssSelector("[data-state=REVOKED]")).size(), list);
    assertAccessible("applications");
    photograph("applications");
  }

  @Test
  @Order(7)
  void communityStaffIssueAPermitToAResidentOfTheCommunityAndRevokeIt() {
    logIn("desk", STAFF_PASSWORD, "permits");
    browser.type(By.cssSelector("#permit-form input[name=idNumber]"), withLetter.idNumber());
    submit("#permit-form");
    browser.waitForText(By.cssSelector("#permit-form .error"), "社区");

    browser.type(By.cssSelector("#permit-form input[name=idNumber]"), neighbour.idNumber());
    submit("#permit-form");
    browser.waitForText(By.id("status"), "已开具");
    browser.waitForPage("permits");
    browser.waitFor(By.cssSelector("#permit-list [data-state=ACTIVE]"));
    assertFalse(browser.driver.getPageSource().contains(neighbour.idNumber()), "the full ID number is never shown");
    assertAccessible("permits (issued by ID number)");

    browser.driver.findElement(By.cssSelector("#permit-list .reason-action button")).click();
    browser.type(By.cssSelector("#permit-list textarea[name=reason]"), "已搬离本社区（浏览器测试）");
    browser.driver.findElement(By.cssSelector("#permit-list .reason-form button[type=submit]")).click();
    browser.waitFor(By.cssSelector("#permit-list [data-state=REVOKED]"));
    assertTrue(main().contains("已搬离本社区（浏览器测试）"));
  }

  @Test
  @Order(8)
  void communityStaffFindAResidentByNameFragmentAndByIdNumberAndIssueAndRevokeFromTheResult() {
    searchResidentsOfTheCommunity("居民");
    String found = browser.driver.findElement(By.id("resident-results")).getText();
    assertTrue(found.contains(neighbour.idNumber().substring(14)) && found.contains("无"), found);
    assertFalse(found.contains(withLetter.idNumber().substring(14)), "only residents of this community: " + found);
    assertEquals(1, browser.driver.findElements(By.cssSelector("#resident-results tbody tr")).size(), found);

    browser.type(By.cssSelector("#resident-search input[name=idNumber]"), neighbour.idNumber());
    submit("#resident-search");
    browser.waitUntil(d -> d.findElement(By.cssSelector("#resident-search input[name=idNumber]")).getAttribute("value").isEmpty());
    browser.waitFor(By.cssSelector("#resident-results table"));
    assertEquals("", browser.driver.findElement(By.cssSelector("#resident-search .error")).getText());
    assertFalse(browser.driver.getPageSource().contains(neighbour.idNumber()), "the full ID number is never shown");
    String masked = browser.driver.findElement(By.cssSelector("#resident-results tbody tr .mono")).getText();
    assertTrue(masked.endsWith(neighbour.idNumber().substring(14)) && !masked.contains(neighbour.idNumber().substring(6, 14)), masked);

    int before = browser.driver.findElements(By.cssSelector("#permit-list [data-state=ACTIVE]")).size();
    browser.driver.findElement(By.cssSelector("#resident-results button.issue-to")).click();
    browser.waitForText(By.id("resident-results"), "有效至");
    browser.waitUntil(d -> d.findElements(By.cssSelector("#permit-list [data-state=ACTIVE]")).size() == before + 1);
    assertAccessible("permits");
    photograph("permits");

    browser.driver.findElement(By.cssSelector("#resident-results .reason-action button")).click();
    browser.type(By.cssSelector("#resident-results textarea[name=reason]"), "居民申请注销（浏览器测试）");
    browser.driver.findElement(By.cssSelector("#resident-results .reason-form button[type=submit]")).click();
    browser.waitFor(By.cssSelector("#resident-results button.issue-to"));
    browser.waitUntil(d -> d.findElements(By.cssSelector("#permit-list [data-state=ACTIVE]")).size() == before);
    assertTrue(main().contains("居民申请注销（浏览器测试）"), main());
    assertAccessible("permits (after revoking from the result)");
  }

  @Test
  @Order(10)
  void aPermitRefusedFromTheResultIsExplainedBesideItsButton() {
    searchResidentsOfTheCommunity("居民");
    browser.waitFor(By.cssSelector("#resident-results button.issue-to"));
    // Between the search and the click the resident moves to another community.
    String elsewhere = "110105" + String.format("%06d", Math.abs(UUID.randomUUID().hashCode()) % 1_000_000);
    expect(201, server.post("/api/v1/admin/communities", adminToken, new JsonObject().put("code", elsewhere).put("name", "另一测试社区")));
    String home = server.get("/api/v1/me/community", server.accessToken(neighbour)).json().getString("code");
    expect(200, server.put("/api/v1/me/community", server.accessToken(neighbour), new JsonObject().put("communityCode", elsewhere)));
    try {
      browser.driver.findElement(By.cssSelector("#resident-results button.issue-to")).click();

      browser.waitUntil(d -> !d.findElement(By.cssSelector("#resident-results .issue-action .error")).getText().isEmpty());
      var error = browser.driver.findElement(By.cssSelector("#resident-results .issue-action .error"));
      assertEquals("alert", error.getAttribute("role"));
      assertTrue(error.getText().contains("建外街道测试社区"), "the refusal names the staff's community: " + error.getText());
      assertTrue(browser.driver.findElement(By.cssSelector("#resident-results button.issue-to")).isEnabled(), "and may be tried again");
      assertAccessible("permits (a refusal from the result)");
      photograph("permits-refused");
    } finally {
      expect(200, server.put("/api/v1/me/community", server.accessToken(neighbour), new JsonObject().put("communityCode", home)));
    }
  }

  @Test
  @Order(9)
  void theDeskAndThePortalSpeakEnglish() {
    browser.driver.findElement(By.id("lang")).click();
    browser.waitForText(By.id("nav"), "Community permits");
    browser.waitForPage("permits");
    assertTrue(main().contains("Permits of this community"));
    assertAccessible("permits (en)");
    browser.driver.findElement(By.id("lang")).click();
    browser.waitForText(By.id("nav"), "社区通行证明");
  }
}
