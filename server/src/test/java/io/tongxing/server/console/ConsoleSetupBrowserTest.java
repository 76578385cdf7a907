package io.tongxing.server.console;

import io.tongxing.server.cli.VerifyCommand;
import io.tongxing.server.http.Role;
import io.tongxing.server.support.Fixtures;
import io.tongxing.server.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An authority sets up a "one letter, one card, one permit" corridor from the console alone, starting
 * from an empty region with nothing but its first admin: the corridor and a checkpoint on it with an
 * officer; a community and its staff; an enterprise registers and is admitted; it adds its employee,
 * issues the work letter and applies; the community desk issues the permit; the temperature card
 * comes from fourteen days of check-ins (seeded through the API, as the resident's app would send
 * them); the reviewer sees the three proofs and approves; the person view shows the pass; and the
 * pass's QR, decoded from its PNG, passes the command-line verifier. Every page is checked with axe
 * and photographed, in Chinese on the way and in English at the end.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleSetupBrowserTest {

  private static final String ADMIN_PASSWORD = "Chief-admin-2020";
  private static final String DESK_PASSWORD = "Desk-staff-2020";
  private static final String OFFICER_PASSWORD = "Officer-2020-x";
  private static final String ENTERPRISE_PASSWORD = "Enterprise-2020";
  private static final String CORRIDOR = "bj-lf-north";
  private static final String COMMUNITY = "110105001001";
  private static final String CHECKPOINT = "bj-lf-g1";
  private static final String CREDIT_CODE = Fixtures.creditCode();

  private static ConsoleRun run;
  private static TestServer server;
  private static Browser browser;
  private static String base;
  private static TestServer.Resident commuter;

  @BeforeAll
  static void start() {
    run = ConsoleRun.start("console_setup_walk");
    server = run.server;
    // an empty region: its first admin, as a fresh deployment creates it, and nothing else
    server.server.services().accounts().createStaffBySystem(Role.ADMIN, "chief", "主任（测试）", ADMIN_PASSWORD, "first admin").await();
    // the resident's app: registration, and a normal check-in on each of the last fourteen days and today
    Instant now = Instant.now();
    server.clock.set(now.minus(Duration.ofDays(15)));
    commuter = server.registerResident();
    for (int daysAgo = 14; daysAgo >= 0; daysAgo--) {
      server.clock.set(now.minus(Duration.ofDays(daysAgo)));
      TestServer.Reply checkIn = server.post("/api/v1/me/check-ins", server.accessToken(commuter),
        new JsonObject().put("temperature", 36.5).put("symptoms", new JsonArray().add("NONE")));
      assertEquals(201, checkIn.status(), checkIn.toString());
    }
    // the command-line verifier judges times by the real clock: the pass is issued now
    server.clock.set(now);
    browser = run.openBrowser(1366);
    base = run.base;
  }

  @AfterAll
  static void stop() {
    if (run != null) {
      run.close();
    }
  }

  private static void checked(String name) {
    browser.assertAccessible(name);
    browser.photographWhole(name);
  }

  @Test
  @Order(1)
  void theAdminDefinesTheCorridorAndACheckpointOnItWithItsOfficer() {
    browser.logIn(base, "chief", ADMIN_PASSWORD, "dashboard");
    browser.page(base, "corridors");
    assertTrue(browser.mainText().contains("尚未定义通道"), browser.mainText());

    browser.type(By.cssSelector("#corridor-form input[name=id]"), CORRIDOR);
    browser.type(By.cssSelector("#corridor-form input[name=nameZh]"), "京廊北三县通道");
    browser.type(By.cssSelector("#corridor-form input[name=nameEn]"), "Beijing–Langfang north");
    browser.type(By.cssSelector("#corridor-form input[name=regions]"), "110000, 131000");
    new Select(browser.driver.findElement(By.cssSelector("#corridor-form select[name=model]"))).selectByValue("ONE_LETTER_ONE_CARD_ONE_PERMIT");
    browser.type(By.cssSelector("#corridor-form input[name=validityDays]"), "30");
    browser.type(By.cssSelector("#corridor-form textarea[name=reason]"), "京廊联防联控：北三县通勤");
    browser.submit("#corridor-form");
    browser.waitForText(By.tagName("main"), "一信一卡一证");

    // a staff account for the checkpoint, then the checkpoint from the corridor's own link
    browser.page(base, "staff");
    browser.type(By.cssSelector("#staff-form input[name=username]"), "officer.li");
    browser.type(By.cssSelector("#staff-form input[name=displayName]"), "李警官");
    new Select(browser.driver.findElement(By.cssSelector("#staff-form select[name=role]"))).selectByValue("OFFICER");
    browser.type(By.cssSelector("#staff-form input[name=password]"), OFFICER_PASSWORD);
    browser.submit("#staff-form");
    browser.waitForText(By.tagName("main"), "officer.li");

    browser.page(base, "corridors");
    browser.driver.findElement(By.cssSelector("a[href='#/checkpoints?corridor=" + CORRIDOR + "']")).click();
    browser.waitForPage("checkpoints");
    assertEquals(CORRIDOR, new Select(browser.driver.findElement(By.cssSelector("#checkpoint-form select[name=corridorId]")))
      .getFirstSelectedOption().getAttribute("value"), "the corridor is chosen already");
    browser.type(By.cssSelector("#checkpoint-form input[name=id]"), CHECKPOINT);
    browser.type(By.cssSelector("#checkpoint-form input[name=nameZh]"), "京平高速检查站");
    browser.type(By.cssSelector("#checkpoint-form input[name=nameEn]"), "Jingping Expressway checkpoint");
    browser.type(By.cssSelector("#checkpoint-form input[name=region]"), "110117");
    browser.type(By.cssSelector("#checkpoint-form input[name=location]"), "京平高速进京方向");
    browser.type(By.cssSelector("#checkpoint-form textarea[name=reason]"), "通道卡口");
    browser.submit("#checkpoint-form");
    browser.waitFor(By.id("officer-form"));
    browser.type(By.cssSelector("#officer-form textarea[name=reason]"), "值守");
    browser.submit("#officer-form");
    browser.waitForText(By.id("checkpoint-detail"), "officer.li");
    checked("checkpoints-officers");

    browser.page(base, "corridors");
    String corridors = browser.mainText();
    assertTrue(corridors.contains("京廊北三县通道") && corridors.contains(CHECKPOINT), corridors);
  }

  @Test
  @Order(2)
  void theAdminAddsTheCommunityAndItsStaffMemberServesIt() {
    browser.page(base, "communities");
    browser.type(By.cssSelector("#community-form input[name=code]"), COMMUNITY);
    browser.type(By.cssSelector("#community-form input[name=name]"), "建外街道永安里社区");
    browser.submit("#community-form");
    browser.waitForText(By.tagName("main"), "建外街道永安里社区");
    assertTrue(browser.mainText().contains("尚无工作人员"), "the community has nobody yet");

    browser.page(base, "staff");
    browser.type(By.cssSelector("#staff-form input[name=username]"), "desk.wang");
    browser.type(By.cssSelector("#staff-form input[name=displayName]"), "王社工");
    new Select(browser.driver.findElement(By.cssSelector("#staff-form select[name=role]"))).selectByValue("COMMUNITY_STAFF");
    browser.type(By.cssSelector("#staff-form input[name=password]"), DESK_PASSWORD);
    new Select(browser.driver.findElement(By.cssSelector("#staff-form select[name=communityCode]"))).selectByValue(COMMUNITY);
    browser.submit("#staff-form");
    browser.waitForText(By.tagName("main"), "desk.wang");
    String row = rowContaining("desk.wang");
    assertTrue(row.contains("建外街道永安里社区"), row);
    checked("staff");

    browser.page(base, "communities");
    assertTrue(browser.mainText().contains("王社工 (desk.wang)"), browser.mainText());
    checked("communities");
    // the resident's app: they live in the new community
    assertEquals(200, server.put("/api/v1/me/community", server.accessToken(commuter),
      new JsonObject().put("communityCode", COMMUNITY)).status());
  }

  @Test
  @Order(3)
  void anEnterpriseRegistersAndIsAdmittedToTheCorridorFromTheConsole() {
    browser.logIn(base, "chief", ADMIN_PASSWORD, "dashboard");
    browser.driver.findElement(By.id("logout")).click();
    browser.waitFor(By.linkText("企业注册")).click();
    browser.waitForPage("register");
    browser.type(By.cssSelector("#register-form input[name=name]"), "北三县通勤示范有限公司");
    browser.type(By.cssSelector("#register-form input[name=creditCode]"), CREDIT_CODE);
    browser.type(By.cssSelector("#register-form input[name=password]"), ENTERPRISE_PASSWORD);
    browser.submit("#register-form");
    browser.waitForPage("employees");
    browser.page(base, "applications");
    assertTrue(browser.mainText().contains("尚未获准进入任何通道"), browser.mainText());

    browser.logIn(base, "chief", ADMIN_PASSWORD, "dashboard");
    browser.page(base, "corridors");
    new Select(browser.driver.findElement(By.cssSelector("#admit-form select[name=corridor]"))).selectByValue(CORRIDOR);
    new Select(browser.driver.findElement(By.cssSelector("#admit-form select[name=creditCode]"))).selectByValue(CREDIT_CODE);
    browser.type(By.cssSelector("#admit-form textarea[name=reason]"), "北三县通勤企业");
    browser.submit("#admit-form");
    browser.waitUntil(d -> rowContaining("京廊北三县通道").contains("北三县通勤示范有限公司"));
    checked("corridors");
  }

  @Test
  @Order(4)
  void theEnterpriseAddsItsEmployeeIssuesTheWorkLetterAndApplies() {
    browser.logIn(base, CREDIT_CODE, ENTERPRISE_PASSWORD, "employees");
    browser.type(By.cssSelector("#employee-form input[name=name]"), commuter.name());
    browser.type(By.cssSelector("#employee-form input[name=idNumber]"), commuter.idNumber());
    browser.submit("#employee-form");
    browser.waitFor(By.id("document-form"));
    browser.submit("#document-form");
    browser.waitFor(By.cssSelector("#employee-detail [data-state=ACTIVE]"));

    browser.page(base, "applications");
    new Select(browser.driver.findElement(By.cssSelector("#apply-form select[name=corridorId]"))).selectByValue(CORRIDOR);
    browser.submit("#apply-form");
    browser.waitForText(By.tagName("main"), "尚缺");
    String shown = browser.mainText();
    assertTrue(shown.contains("社区通行证明") && !shown.contains("尚缺：工作证明"), "only the permit is missing: " + shown);
  }

  @Test
  @Order(5)
  void theCommunityDeskIssuesThePermit() {
    browser.logIn(base, "desk.wang", DESK_PASSWORD, "permits");
    browser.type(By.cssSelector("#permit-form input[name=idNumber]"), commuter.idNumber());
    browser.submit("#permit-form");
    browser.waitFor(By.cssSelector("#permit-list [data-state=ACTIVE]"));
    assertFalse(browser.driver.getPageSource().contains(commuter.idNumber()), "the full ID number is never shown");
  }

  @Test
  @Order(6)
  void theReviewerSeesTheLetterTheCardAndThePermitAndApproves() {
    browser.logIn(base, "chief", ADMIN_PASSWORD, "dashboard");
    browser.page(base, "review");
    browser.driver.findElement(By.linkText(commuter.name())).click();
    browser.waitFor(By.id("review-documents"));
    for (String kind : List.of("WORK_LETTER", "COMMUNITY_PERMIT", "TEMPERATURE_CARD")) {
      WebElement card = browser.driver.findElement(By.cssSelector("#review-documents [data-kind=" + kind + "]"));
      assertTrue(card.getAttribute("class").contains("met"), kind + ": " + card.getText());
    }
    String card = browser.driver.findElement(By.cssSelector("#review-documents [data-kind=TEMPERATURE_CARD]")).getText();
    assertTrue(card.contains("连续正常打卡 14 天，需 14 天") && card.contains("本地区"), card);
    assertFalse(card.contains("{n}") || card.contains("check-ins"), card);
    checked("review-lcp");

    browser.type(By.cssSelector("#approve-form textarea[name=reason]"), "三项材料齐全");
    browser.submit("#approve-form");
    browser.waitFor(By.cssSelector("#review-standing [data-state=VALID]"));
  }

  @Test
  @Order(7)
  void thePersonViewShowsThePassAndItsQrPassesTheCommandLineVerifier() throws Exception {
    browser.page(base, "persons");
    browser.type(By.cssSelector("#person-search input[name=idNumber]"), commuter.idNumber());
    browser.submit("#person-search");
    browser.waitFor(By.cssSelector("#person-passes [data-state=VALID]"));
    String person = browser.driver.findElement(By.id("person-result")).getText();
    assertTrue(person.contains("京廊北三县通道") && person.contains("北三县通勤示范有限公司"), person);
    assertTrue(person.contains("该居民的健康码为绿码"), person);
    checked("person-passes");

    String token = server.accessToken(commuter);
    String pass = server.get("/api/v1/me/passes", token).array().getJsonObject(0).getString("id");
    // the QR as the resident's phone shows it: a PNG, decoded by the verifier itself
    byte[] png = server.get("/api/v1/me/passes/" + pass + "/qr.png", token).body().getBytes();
    Path file = Files.createTempFile("pass", ".png");
    try {
      Files.write(file, png);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int status = VerifyCommand.run(List.of("--server", "http://localhost:" + server.port(), "--region", "110117",
        "--corridor", CORRIDOR, "--pass-required", file.toString()), new PrintStream(out, true, StandardCharsets.UTF_8));
      String said = out.toString(StandardCharsets.UTF_8);
      assertEquals(0, status, said);
      assertTrue(said.contains("PASS"), said);
    } finally {
      Files.delete(file);
    }
  }

  @Test
  @Order(8)
  void everyNewPageReadsRightInEnglish() {
    browser.page(base, "dashboard");
    browser.switchLanguage();
    for (String path : List.of("corridors", "communities", "staff", "notices", "partners", "persons")) {
      browser.page(base, path);
      String title = browser.driver.findElement(By.tagName("h1")).getText();
      assertFalse(title.isBlank() || title.matches(".*[\\u4e00-\\u9fff].*"), path + " is titled in English: " + title);
      browser.assertAccessible(path + " in English");
    }
    browser.page(base, "corridors");
    assertTrue(browser.mainText().contains("One letter, one card, one permit"), browser.mainText());
    assertOneHeaderRow();
    browser.photographWhole("corridors-en");
    browser.switchLanguage();
  }

  @Test
  @Order(9)
  void onANarrowScreenNoPageIsWiderThanTheScreenAndLogOutStaysInReach() {
    org.openqa.selenium.Dimension wide = browser.driver.manage().window().getSize();
    browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    try {
      for (String path : List.of("dashboard", "risk", "corridors", "communities", "staff", "notices", "persons", "review")) {
        browser.page(base, path);
        long overflow = (Long) browser.script("return document.documentElement.scrollWidth - window.innerWidth");
        assertTrue(overflow <= 0, path + " is " + overflow + " px wider than the screen");
        assertOneHeaderRow();
        browser.assertAccessible(path + " at 390 px");
      }
      browser.page(base, "staff");
      browser.photographWhole("staff-narrow");
    } finally {
      browser.driver.manage().window().setSize(wide);
    }
  }

  @Test
  @Order(10)
  void aSessionThatEndedSaysSoAndLoginReturnsToThePageItWasOn() {
    browser.page(base, "staff");
    // another tab logs out (the refresh family ends) and the access token runs out
    String refresh = (String) browser.script("return JSON.parse(sessionStorage.getItem('tongxing.session')).refreshToken");
    assertEquals(204, server.post("/api/v1/auth/logout", null, new JsonObject().put("refreshToken", refresh)).status());
    server.clock.advance(Duration.ofMinutes(16));

    browser.open(base + "#/communities");

    assertTrue(browser.waitFor(By.id("session-ended")).getText().contains("登录已过期"), browser.mainText());
    browser.type(By.name("login"), "chief");
    browser.type(By.name("password"), ADMIN_PASSWORD);
    browser.submit("#login-form");
    browser.waitForPage("communities");
    assertTrue(browser.driver.findElements(By.id("session-ended")).isEmpty(), "the notice leaves with the login form");
  }

  /** Brand, role, language and log-out share one row of the header, and log-out is on the screen. */
  private static void assertOneHeaderRow() {
    WebElement logout = browser.driver.findElement(By.id("logout"));
    WebElement language = browser.driver.findElement(By.id("lang"));
    assertEquals(language.getRect().getY(), logout.getRect().getY(), "log-out beside the language button");
    long width = (Long) browser.script("return window.innerWidth");
    assertTrue(logout.getRect().getX() + logout.getRect().getWidth() <= width, "log-out on the screen");
  }

  /** The text of the first table row in main that contains {@code text}, or "" (read at once, never stale). */
  private static String rowContaining(String text) {
    Object row = browser.script("return [...document.querySelectorAll('main tbody tr')].map(r => r.innerText)"
      + ".find(t => t.includes(arguments[0])) || ''", text);
    return (String) row;
  }
}
