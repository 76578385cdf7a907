package io.tongxing.server.console;

import io.tongxing.server.demo.DemoData;
import io.tongxing.server.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every page of the console, as each role that has one (admin, enterprise, community staff), in both
 * languages, at 1366 px (the office laptop) and 390 px (a phone), on the demo data of the README's run
 * command plus a family member and a paper card recorded at the desk. On each: nothing wider than the
 * window, at 1366 px the header and the navigation on one row each, no raw template ("{n}"), "null",
 * "undefined" or message key, no stored enum value or English system text in the Chinese UI (outside
 * code), and no serious axe-core violation. Each page is photographed into target/console-walk
 * (looked at by a person, not by this test); the desk's, into docs/console with -Dtongxing.screenshots=docs.
 */
class ConsoleWalkBrowserTest {

  private static final Path WALK = Path.of("target", "console-walk");
  private static final Pattern TEMPLATE = Pattern.compile("\\{\\w+}|\\bnull\\b|\\bundefined\\b|\\bNaN\\b|\\bInvalid Date\\b");
  /** A stored enum value: CLOSE_CONTACT_NOTICE, DELIVERED (two or more capitals, with an underscore or standing alone as a word). */
  private static final Pattern ENUM = Pattern.compile("\\b[A-Z]{2,}(?:_[A-Z]+)+\\b|\\b(?:ACTIVE|PENDING|DELIVERED|REVOKED|VALID|SUSPENDED|"
    + "INVALID|CURRENT|WITHDRAWN|SUBMITTED|APPROVED|REJECTED|FOUND|SYSTEM|ADMIN|ENTERPRISE)\\b");
  /** An English phrase (two lower-case words or more) in the Chinese UI: a stored system text shown as it is. */
  private static final Pattern ENGLISH_PHRASE = Pattern.compile("\\b[a-z]{2,}(?: [a-z]{2,})+\\b");

  /** The console's message keys ("desk.find", "auditSubject.person"): one shown is a text the page never looked up. */
  private static final java.util.Set<String> KEYS = keys();

  private static ConsoleRun run;
  private static Browser browser;
  private static String enterprise;

  @BeforeAll
  static void start() {
    run = ConsoleRun.start("console_walk");
    TestServer server = run.server;
    DemoData demo = new DemoData(server.server.services(), server.clock, server.config.zone());
    demo.seed().await();
    enterprise = demo.region().enterpriseCode();
    String desk = server.login("community", "Demo-Staff-2020").getString("accessToken");
    run.familyMemberWithPaperCard(desk, server.registerResident().idNumber());
    browser = run.openBrowser(1366);
  }

  @AfterAll
  static void stop() {
    if (run != null) {
      run.close();
    }
  }

  @Test
  void everyPageReadsRightForEveryRoleInBothLanguagesOnALaptopAndAPhone() {
    List<String> problems = new ArrayList<>();
    int walked = 0;
    for (String language : List.of("zh-CN", "en")) {
      for (int width : List.of(1366, 390)) {
        browser.driver.manage().window().setSize(new Dimension(width, 1000));
        // before anyone logs in: the login form and the enterprise's registration
        browser.logIn(run.base, "admin", "Demo-Staff-2020", "dashboard");
        browser.driver.findElement(By.id("logout")).click();
        browser.waitFor(By.id("login-form"));
        inLanguage(language);
        problems.addAll(visit("public login", language, width));
        browser.page(run.base, "register");
        problems.addAll(visit("public register", language, width));
        walked += 2;
        for (String[] role : List.of(new String[] {"admin", "dashboard", "admin"}, new String[] {enterprise, "employees", "enterprise"},
          new String[] {"community", "permits", "community"})) {
          browser.logIn(run.base, role[0], "Demo-Staff-2020", role[1]);
          inLanguage(language);
          browser.waitForPage(role[1]);
          @SuppressWarnings("unchecked")
          List<String> pages = (List<String>) browser.script(
            "return [...document.querySelectorAll('#nav a')].map(a => a.getAttribute('href').replace('#/', ''))");
          for (String path : pages) {
            browser.page(run.base, path);
            problems.addAll(visit(role[2] + " " + path, language, width));
            if ("docs".equals(System.getProperty("tongxing.screenshots")) && "desk".equals(path) && width == 1366) {
              browser.photographWhole("zh-CN".equals(language) ? "desk" : "desk-en");
            }
            walked++;
            // and the first thing the page opens in itself (an application, a checkpoint, an employee)
            Object detail = browser.script("const a = document.querySelector('main a[href^=\"#/' + arguments[0] + '?\"]');"
              + "return a ? a.getAttribute('href').replace('#/', '') : null;", path);
            if (detail != null) {
              browser.page(run.base, (String) detail);
              problems.addAll(visit(role[2] + " " + path + "-detail", language, width));
              walked++;
            }
          }
        }
      }
    }
    assertTrue(walked >= 4 * (2 + 12 + 3 + 3), "every page of every role walked four times: " + walked);
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  private static void inLanguage(String language) {
    if (!language.equals(browser.script("return document.documentElement.lang"))) {
      browser.switchLanguage();
    }
  }

  /** Checks the page shown now and photographs it into target/console-walk. */
  private static List<String> visit(String page, String language, int width) {
    waitForCharts();
    String where = page + " " + language + " " + width + " px";
    List<String> problems = check(where, language, width);
    browser.screenshot(where.replace(" px", "").replace(' ', '-'), WALK);
    return problems;
  }

  /** The dashboard's and the map's charts draw after the page is ready: the picture waits for them. */
  private static void waitForCharts() {
    browser.waitUntil(d -> (Boolean) browser.script(
      "return [...document.querySelectorAll('div.echart')].every(c => c.hasAttribute('data-drawn'))"));
  }

  private static List<String> check(String where, String language, int width) {
    List<String> problems = new ArrayList<>();
    long overflow = (Long) browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
    if (overflow > 0) {
      problems.add(where + ": the page is " + overflow + " px wider than the window");
    }
    if (width >= 1366) {
      // two boxes are on different rows when one starts below where the other ends
      String rows = "const r = [...document.querySelectorAll(arguments[0])].filter(e => e.offsetParent && e.offsetHeight > 0).map(e => e.getBoundingClientRect());"
        + "return r.some(a => r.some(b => a.top >= b.bottom - 1));";
      if ((Boolean) browser.script(rows, ".top .bar > *") || (Boolean) browser.script(rows, "#nav li")) {
        problems.add(where + ": the header or the navigation wraps to a second row");
      }
    }
    // the words a person reads, outside code (audit actions, rule ids) and outside what people typed there
    String text = (String) browser.script("const out = []; const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);"
      + "for (let n = walk.nextNode(); n; n = walk.nextNode()) {"
      + "  if (n.parentElement.closest('code, script, style, [data-typed]')) continue;"
      + "  if (n.parentElement.closest('[hidden]')) continue;"
      + "  const s = n.textContent.trim(); if (s) out.push(s); }"
      + "return out.join('\\n');");
    Matcher template = TEMPLATE.matcher(text);
    if (template.find()) {
      problems.add(where + ": shows «" + template.group() + "» in «" + around(text, template.start()) + "»");
    }
    for (String key : KEYS) {
      int at = text.indexOf(key);
      if (at >= 0) {
        problems.add(where + ": shows the message key «" + key + "» in «" + around(text, at) + "»");
      }
    }
    if ("zh-CN".equals(language)) {
      for (Pattern pattern : List.of(ENUM, ENGLISH_PHRASE)) {
        Matcher m = pattern.matcher(text);
        if (m.find()) {
          problems.add(where + ": shows «" + m.group() + "» in Chinese, in «" + around(text, m.start()) + "»");
        }
      }
    }
    browser.seriousViolations().forEach(v -> problems.add(where + ": axe " + v));
    return problems;
  }

  private static java.util.Set<String> keys() {
    try (java.io.InputStream in = ConsoleWalkBrowserTest.class.getResourceAsStream("/webroot/console/messages/en.json")) {
      return new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).fieldNames();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String around(String text, int at) {
    return text.substring(Math.max(0, at - 40), Math.min(text.length(), at + 60)).replace('\n', '|');
  }
}
