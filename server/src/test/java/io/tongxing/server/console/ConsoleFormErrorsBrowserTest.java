package io.tongxing.server.console;

import io.tongxing.server.http.Role;
import io.tongxing.server.support.Fixtures;
import io.tongxing.server.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input on every form of the console, as each role, in both languages: each refusal names the
 * field by the label the person sees, says what is wrong in their language, marks the field, and
 * never shows an API field name (idNumber, employeeId, username …) or the validator's English schema
 * text ("does not match additional properties schema"). And a notice to a partner, sent and followed.
 */
class ConsoleFormErrorsBrowserTest {

  private static final String PASSWORD = "Form-errors-2020";
  /** An API name: camelCase (idNumber, creditCode) or a dotted or indexed path (scope.inbound, regions[0]). */
  private static final Pattern API_NAME = Pattern.compile("\\b[a-z]+[A-Z][A-Za-z]*\\b|\\b[a-z]+(\\.[a-z]+)+\\b|\\w\\[\\d+]");
  private static final Pattern SCHEMA_TEXT = Pattern.compile(
    "schema|does not match|Property|Instance|String is|additional properties|VALIDATION_FAILED|Expected|\\{\\w+}");
  /** In Chinese, no lower-case English word at all (an API name such as password or username). */
  private static final Pattern ENGLISH_WORD = Pattern.compile("\\b[a-z]{3,}\\b");

  private static ConsoleRun run;
  private static TestServer server;
  private static Browser browser;
  private static String base;
  private static String creditCode;
  private static String employeeId;
  private static TestServer.Resident resident;
  private static String applicationId;
  /** The ID number of a grandmother recorded at the desk as the resident's family member, with a paper card. */
  private static String member;

  /** One form to refuse: where, as whom, and what to put in it (nothing, mostly). */
  private record FormCase(String login, String home, String page, String form, Consumer<Browser> fill, String chinese, String english) {
    FormCase(String login, String home, String page, String form, Consumer<Browser> fill) {
      this(login, home, page, form, fill, null, null);
    }

    /** The same case, whose refusal must also say these words (the rule broken, in each language). */
    FormCase saying(String chineseWords, String englishWords) {
      return new FormCase(login, home, page, form, fill, chineseWords, englishWords);
    }
  }

  @BeforeAll
  static void start() {
    run = ConsoleRun.start("console_errors");
    server = run.server;
    var accounts = server.server.services().accounts();
    accounts.createStaffBySystem(Role.ADMIN, "errors.admin", "管理员", PASSWORD, "test").await();
    UUID desk = accounts.createStaffBySystem(Role.COMMUNITY_STAFF, "errors.desk", "社工", PASSWORD, "test").await();
    String admin = server.login("errors.admin", PASSWORD).getString("accessToken");
    expect(201, server.post("/api/v1/admin/counties", admin, new JsonObject().put("code", "110105").put("name", "朝阳区")));
    expect(201, server.post("/api/v1/admin/communities", admin, new JsonObject().put("code", "110105001001").put("name", "测试社区")));
    expect(200, server.put("/api/v1/admin/staff/" + desk + "/community", admin, new JsonObject().put("communityCode", "110105001001")));
    expect(201, server.post("/api/v1/admin/checkpoints", admin, new JsonObject().put("id", "cp-errors").put("nameZh", "测试卡口")
      .put("nameEn", "Test checkpoint").put("region", "110105").put("location", "测试").put("direction", "BOTH").put("reason", "test")));
    JsonObject direction = new JsonObject().put("kinds", new JsonArray().add("HEALTH_CODE").add("CLOSE_CONTACT_NOTICE")
      .add("RELEASE_NOTICE")).put("corridors", new JsonArray().add("*"));
    expect(201, server.post("/api/v1/admin/partners", admin, new JsonObject().put("regionCode", "131000").put("name", "廊坊市")
      .put("nameEn", "Langfang").put("baseUrl", "http://127.0.0.1:9").put("trustKeyThumbprint", "A".repeat(43))
      .put("contactKey", "B".repeat(43)).put("scope", new JsonObject().put("inbound", direction).put("outbound", direction.copy()))
      .put("reason", "test")));
    creditCode = Fixtures.creditCode();
    expect(201, server.post("/api/v1/enterprises", null, new JsonObject().put("name", "测试企业").put("creditCode", creditCode)
      .put("password", PASSWORD)));
    String enterprise = server.login(creditCode, PASSWORD).getString("accessToken");
    resident = server.registerResident();
    employeeId = server.post("/api/v1/enterprise/employees", enterprise, new JsonObject().put("name", resident.name())
      .put("idNumber", resident.idNumber())).json().getString("id");
    browser = run.openBrowser(1366);
    accounts.createStaffBySystem(Role.OFFICER, "errors.officer", "民警", PASSWORD, "test").await();
    expect(201, server.post("/api/v1/admin/corridors", admin, new JsonObject().put("id", "wc-errors").put("nameZh", "测试通道")
      .put("nameEn", "Test corridor").put("regions", new JsonArray().add("110000")).put("model", "WORK_COMMUTE")
      .put("validityDays", 30)));
    expect(200, server.post("/api/v1/admin/corridors/wc-errors/enterprises", admin, new JsonObject().put("creditCode", creditCode)));
    applicationId = server.post("/api/v1/enterprise/pass-applications", enterprise, new JsonObject().put("employeeId", employeeId)
      .put("corridorId", "wc-errors")).json().getString("id");
    String deskToken = server.login("errors.desk", PASSWORD).getString("accessToken");
    member = run.familyMemberWithPaperCard(deskToken, resident.idNumber());
    base = run.base;
  }

  @AfterAll
  static void stop() {
    if (run != null) {
      run.close();
    }
  }

  private static void expect(int status, TestServer.Reply reply) {
    assertEquals(status, reply.status(), reply.toString());
  }

  private static Consumer<Browser> type(String selector, String text) {
    return b -> b.type(By.cssSelector(selector), text);
  }

  private static Consumer<Browser> click(String selector) {
    return b -> b.waitFor(By.cssSelector(selector)).click();
  }

  @SafeVarargs
  private static Consumer<Browser> all(Consumer<Browser>... steps) {
    return b -> {
      for (Consumer<Browser> step : steps) {
        step.accept(b);
      }
    };
  }

  private static Consumer<Browser> nothing() {
    return b -> { };
  }

  private static List<FormCase> cases() {
    String admin = "errors.admin";
    String desk = "errors.desk";
    List<FormCase> cases = new ArrayList<>();
    cases.add(new FormCase(admin, "dashboard", "corridors", "#corridor-form", nothing()));
    cases.add(new FormCase(admin, "dashboard", "corridors", "#corridor-form", all(type("#corridor-form input[name=id]", "bj-lf"),
      type("#corridor-form input[name=nameZh]", "通道"), type("#corridor-form input[name=nameEn]", "Corridor"),
      type("#corridor-form input[name=regions]", "110000, 12"))));
    cases.add(new FormCase(admin, "dashboard", "communities", "#community-form", type("#community-form input[name=code]", "1101")));
    cases.add(new FormCase(admin, "dashboard", "staff", "#staff-form", all(type("#staff-form input[name=username]", "Zhang Wei"),
      type("#staff-form input[name=displayName]", "张伟"), type("#staff-form input[name=password]", "Password-2020"))));
    cases.add(new FormCase(admin, "dashboard", "staff", "#staff-form", all(type("#staff-form input[name=username]", "zhang.wei"),
      type("#staff-form input[name=displayName]", "张伟"), type("#staff-form input[name=password]", "short"))));
    cases.add(new FormCase(admin, "dashboard", "staff", ".password-form", all(click("main tbody .reason-action button"),
      type(".password-form input[name=password]", "short"), type(".password-form textarea[name=reason]", "忘记密码"))));
    cases.add(new FormCase(admin, "dashboard", "checkpoints", "#checkpoint-form", nothing()));
    cases.add(new FormCase(admin, "dashboard", "checkpoints?id=cp-errors", "#policy-form",
      type("#policy-form input[name=maxStatusAgeSeconds]", "5")));
    cases.add(new FormCase(admin, "dashboard", "checkpoints?id=cp-errors", "#officer-form", nothing()));
    cases.add(new FormCase(admin, "dashboard", "checkpoints?id=cp-errors", "#enrollment-form", nothing()));
    cases.add(new FormCase(admin, "dashboard", "risk?county=110105", "#risk-form", nothing()));
    cases.add(new FormCase(admin, "dashboard", "persons?id=" + resident.accountId(), "#flag-form", nothing()));
    cases.add(new FormCase(admin, "dashboard", "review?id=" + applicationId, "#reject-form", nothing()));
    cases.add(new FormCase(admin, "dashboard", "persons", "#person-search", type("#person-search input[name=idNumber]", "1101051990")));
    cases.add(new FormCase(admin, "dashboard", "exposure", "#exposure-form", nothing()));
    cases.add(new FormCase(admin, "dashboard", "partners", "#partner-form", nothing()));
    cases.add(new FormCase(admin, "dashboard", "partners", "#amend-form", type("#amend-form input[name=baseUrl]", "x")));
    cases.add(new FormCase(admin, "dashboard", "notices", "#close-contact-form", type("#close-contact-form input[name=idNumber]", "123")));
    cases.add(new FormCase(admin, "dashboard", "notices", "#release-form", nothing()));
    cases.add(new FormCase(admin, "dashboard", "notices", "#bulletin-form", nothing()));
    cases.add(new FormCase(creditCode, "employees", "employees", "#employee-form", all(type("#employee-form input[name=name]", "李四"),
      type("#employee-form input[name=idNumber]", "11010519900101123"))));
    cases.add(new FormCase(creditCode, "employees", "employees?id=" + employeeId, "#employee-edit-form",
      type("#employee-edit-form input[name=name]", " ")));
    cases.add(new FormCase(creditCode, "employees", "employees?id=" + employeeId, "#document-form",
      b -> b.script("document.querySelector('#document-form input[name=validUntil]').value = '2099-12-31'")));
    cases.add(new FormCase(creditCode, "employees", "applications", "#apply-form", type("#apply-form input[name=vehiclePlate]", "京A12345")));
    cases.add(new FormCase(creditCode, "employees", "import", "#import-form", nothing()));
    cases.add(new FormCase(desk, "permits", "permits", "#resident-search", type("#resident-search input[name=idNumber]", "12345")));
    cases.add(new FormCase(desk, "permits", "permits", "#permit-form", nothing()));
    // the community desk (residents without a smartphone)
    cases.add(new FormCase(desk, "permits", "desk", "#desk-search", nothing()));
    cases.add(new FormCase(desk, "permits", "desk", "#desk-search", type("#desk-search input[name=idNumber]", "11010519900101")));
    cases.add(new FormCase(desk, "permits", "desk", "#desk-dependant", nothing()));
    cases.add(new FormCase(desk, "permits", "desk", "#desk-dependant", all(
      type("#desk-dependant input[name=guardianIdNumber]", Fixtures.idNumber()), type("#desk-dependant input[name=name]", "王秀英"),
      type("#desk-dependant input[name=idNumber]", Fixtures.idNumber()))));
    cases.add(new FormCase(desk, "permits", "desk", "#desk-dependant", all(
      type("#desk-dependant input[name=guardianIdNumber]", resident.idNumber()), type("#desk-dependant input[name=name]", "王秀兰"),
      b -> b.type(By.cssSelector("#desk-dependant input[name=idNumber]"), member))));
    cases.add(new FormCase(desk, "permits", "desk", "#desk-family .reason-form", all(
      b -> b.type(By.cssSelector("#desk-search input[name=idNumber]"), member), b -> b.submit("#desk-search"),
      click("#desk-results button[data-action=family]"), click("#desk-family .reason-action button"))));
    // a reason of two lines, where one is asked for: the rule broken, in words
    cases.add(new FormCase(desk, "permits", "desk", "#desk-cards .reason-form", all(click("#desk-cards .reason-action button"),
      type("#desk-cards .reason-form textarea[name=reason]", "卡片遗失\n第二行"))).saying("不能包含换行或控制字符",
      "must not contain line breaks or control characters"));
    // a resident of another community, looked for without a reason; then a reason that would read reversed
    cases.add(new FormCase(desk, "permits", "persons", "#person-search", type("#person-search input[name=idNumber]", "110105199001011232"))
      .saying("本社区没有此人", "No such resident in your community"));
    cases.add(new FormCase(desk, "permits", "persons", "#person-search", all(
      type("#person-search input[name=idNumber]", "110105199001011232"),
      b -> b.script("document.querySelector('#person-search input[name=reason]').value = '协助\u202e流调'")))
      .saying("不能包含改变文字方向的控制字符", "must not contain characters that change the direction of the text"));
    return cases;
  }

  @Test
  void everyFormSaysWhatIsWrongByItsLabelInChineseAndInEnglish() {
    List<String> problems = new ArrayList<>();
    for (String language : List.of("zh-CN", "en")) {
      String who = null;
      for (FormCase c : cases()) {
        if (!c.login().equals(who)) {
          browser.logIn(base, c.login(), PASSWORD, c.home());
          who = c.login();
          if (!language.equals(browser.script("return document.documentElement.lang"))) {
            browser.switchLanguage();
          }
        }
        browser.page(base, c.page());
        // a form folded in a <details> is unfolded, as the person would
        browser.script("const f = document.querySelector(arguments[0]); const d = f && f.closest('details'); if (d) d.open = true;",
          c.form());
        c.fill().accept(browser);
        browser.submit(c.form());
        WebElement alert = browser.waitFor(By.cssSelector(c.form() + " .error"));
        browser.waitUntil(d -> !alert.getText().isBlank());
        String error = alert.getText();
        String where = language + " " + c.page() + " " + c.form() + ": «" + error + "»";
        List<WebElement> invalid = browser.driver.findElements(By.cssSelector(c.form() + " [aria-invalid=true]"));
        if (invalid.isEmpty()) {
          problems.add(where + " marks no field");
        } else {
          String label = labelOf(invalid.get(0));
          if (!error.startsWith(label)) {
            problems.add(where + " does not name the field by its label «" + label + "»");
          }
        }
        if (API_NAME.matcher(error).find() || SCHEMA_TEXT.matcher(error).find()
          || ("zh-CN".equals(language) && ENGLISH_WORD.matcher(error).find())) {
          problems.add(where + " shows an API name or schema text");
        }
        String words = "zh-CN".equals(language) ? c.chinese() : c.english();
        if (words != null && !error.contains(words)) {
          problems.add(where + " does not say «" + words + "»");
        }
        if ("zh-CN".equals(language) && !error.matches(".*[\\u4e00-\\u9fff].*")) {
          problems.add(where + " is not in Chinese");
        }
        if ("en".equals(language) && error.matches(".*[\\u4e00-\\u9fff].*")) {
          problems.add(where + " is not in English");
        }
      }
      if ("zh-CN".equals(language)) {
        browser.assertAccessible("a refused form");
        browser.photograph("form-error");
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void aCloseContactNoticeIsComposedSentAndFollowedUntilThePartnerAnswers() {
    openInChinese("errors.admin", "dashboard", "notices");
    browser.type(By.cssSelector("#close-contact-form input[name=idNumber]"), resident.idNumber());
    browser.script("document.querySelector('#close-contact-form input[name=date]').value = arguments[0]",
      java.time.LocalDate.ofInstant(server.clock.instant(), server.config.zone()).minusDays(1).toString());
    browser.type(By.cssSelector("#close-contact-form textarea[name=reason]"), "流调：同车密接（浏览器测试）");
    browser.submit("#close-contact-form");

    // the partner does not answer here: the notice waits in the outbox, its attempts and next try shown
    browser.waitFor(By.cssSelector("main [data-state=PENDING]"));
    String outbox = browser.mainText();
    assertTrue(outbox.contains("密接通报") && outbox.contains("廊坊市 (131000)") && outbox.contains("待送达"), outbox);
    assertTrue(!browser.driver.getPageSource().contains(resident.idNumber()), "the ID number is never shown");
    browser.assertAccessible("notices with a notice waiting");
  }

  @Test
  void communityStaffSeeAResidentOfAnotherCommunityOnlyWithAReasonThatIsAudited() {
    openInChinese("errors.desk", "permits", "persons");
    // the resident declared no community: without a reason, the desk is told how to look further
    browser.type(By.cssSelector("#person-search input[name=idNumber]"), resident.idNumber());
    browser.submit("#person-search");
    browser.waitForText(By.cssSelector("#person-search .error"), "查看其他社区居民的理由：本社区没有此人");
    assertEquals("reason", browser.driver.findElement(By.cssSelector("#person-search [aria-invalid=true]")).getAttribute("name"));

    browser.type(By.cssSelector("#person-search input[name=idNumber]"), resident.idNumber());
    browser.type(By.cssSelector("#person-search input[name=reason]"), "协助流调（浏览器测试）");
    browser.submit("#person-search");
    browser.waitFor(By.cssSelector("#person-result .person"));
    assertTrue(!browser.driver.getPageSource().contains(resident.idNumber()), "the ID number is never shown");
    browser.assertAccessible("persons, as community staff");
    browser.photograph("persons-staff");

    String admin = server.login("errors.admin", PASSWORD).getString("accessToken");
    JsonArray entries = server.get("/api/v1/admin/audit?q=" + java.net.URLEncoder.encode("协助流调（浏览器测试）",
      java.nio.charset.StandardCharsets.UTF_8), admin).json().getJsonArray("entries");
    assertEquals(1, entries.size(), entries.encode());
    assertEquals("person.looked_up", entries.getJsonObject(0).getString("action"));
    assertEquals(resident.accountId(), entries.getJsonObject(0).getString("subjectId"));
  }

  /** Logs in as {@code login} (landing on {@code home}), in Chinese, and opens {@code page}. */
  private static void openInChinese(String login, String home, String page) {
    browser.logIn(base, login, PASSWORD, home);
    if (!"zh-CN".equals(browser.script("return document.documentElement.lang"))) {
      browser.switchLanguage();
    }
    browser.page(base, page);
  }

  /** The words the person reads for a control: its label, or its group's legend. */
  private static String labelOf(WebElement control) {
    return (String) browser.script("const c = arguments[0];"
      + "const l = c.id && document.querySelector('label[for=\"' + c.id + '\"]');"
      + "if (l && !l.closest('.check')) return l.textContent.trim();"
      + "const f = c.closest('fieldset'); return f ? f.querySelector('legend').textContent.trim() : (l ? l.textContent.trim() : '');",
      control);
  }
}
