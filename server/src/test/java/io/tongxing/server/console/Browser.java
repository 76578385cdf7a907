package io.tongxing.server.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's headless chromium driven through chromium-driver, with axe-core (Maven Central's
 * org.webjars.npm:axe-core, pinned in the root pom) injected into pages to find accessibility violations.
 */
public final class Browser implements AutoCloseable {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** axe-core from Maven Central (the org.webjars.npm:axe-core jar pinned in the root pom). */
  static final String AXE = "/META-INF/resources/webjars/axe-core/" + System.getProperty("tongxing.axe.version", "4.6.3") + "/axe.min.js";

  public final WebDriver driver;
  private final WebDriverWait wait;
  private String axe;

  public Browser() {
    this(1280);
  }

  /** A window this many CSS pixels wide (1366: the common office laptop). */
  public Browser(int width) {
    ChromeOptions options = new ChromeOptions()
      .setBinary(CHROMIUM.toFile())
      .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=" + width + ",1000",
        "--lang=zh-CN", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1");
    // the page's console, so that a failing wait can say what the page's scripts said
    org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
    logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.WARNING);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    this.driver = new ChromeDriver(service, options);
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  public static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  public void open(String url) {
    driver.get(url);
  }

  public WebElement waitFor(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  public void waitForText(By by, String text) {
    try {
      wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("'" + text + "' never appeared in " + by + "; the page said:\n" + pageText(), e);
    }
  }

  /** Waits until the condition holds (up to the same 20 s). */
  public void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
    try {
      wait.until(condition::apply);
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("the condition never held; the page said:\n" + pageText() + "\nand its console:\n" + consoleLog(), e);
    }
  }

  /** Whether {@code element} is on screen; an element the page has just replaced is not. */
  public static boolean shown(WebElement element) {
    try {
      return element.isDisplayed();
    } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
      return false;
    }
  }

  /** What the page's scripts reported (warnings and errors) since the last call. */
  public String consoleLog() {
    StringBuilder text = new StringBuilder();
    driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)
      .forEach(entry -> text.append(entry.getLevel()).append(' ').append(entry.getMessage()).append('\n'));
    return text.toString();
  }

  private String pageText() {
    try {
      return driver.findElement(org.openqa.selenium.By.tagName("body")).getText();
    } catch (RuntimeException e) {
      return "(unreadable: " + e + ")";
    }
  }

  /** Waits until the page module has rendered into main (app.js sets data-ready to its path). */
  public void waitForPage(String path) {
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main[data-ready='" + path + "']")));
  }

  public void type(By by, String text) {
    WebElement field = waitFor(by);
    field.clear();
    field.sendKeys(text);
  }

  public Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** The serious and critical axe-core violations of the page as it is now, one line each. */
  public List<String> seriousViolations() {
    if (axe == null) {
      try (java.io.InputStream in = Browser.class.getResourceAsStream(AXE)) {
        if (in == null) {
          throw new IllegalStateException("axe-core is not on the test classpath: " + AXE);
        }
        axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    JavascriptExecutor js = (JavascriptExecutor) driver;
    js.executeScript(axe);
    Object raw = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
      + "axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify(r.violations)))"
      + ".catch(e => done(JSON.stringify([{id: 'axe-failed', impact: 'critical', help: String(e), nodes: []}])));");
    List<String> serious = new ArrayList<>();
    for (Object o : new JsonArray((String) raw)) {
      JsonObject violation = (JsonObject) o;
      String impact = violation.getString("impact");
      if ("serious".equals(impact) || "critical".equals(impact)) {
        List<String> targets = new ArrayList<>();
        for (Object node : violation.getJsonArray("nodes")) {
          targets.add(((JsonObject) node).getJsonArray("target").encode());
        }
        serious.add(impact + " " + violation.getString("id") + ": " + violation.getString("help") + " at " + targets);
      }
    }
    return serious;
  }

  /** A PNG of the window into each directory. */
  public void screenshot(String name, Path... directories) {
    write(name, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES), directories);
  }

  private static void write(String name, byte[] png, Path... directories) {
    for (Path directory : directories) {
      try {
        Files.createDirectories(directory);
        Files.write(directory.resolve(name + ".png"), png);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Logs out if logged in, then in as {@code login}, and waits for the page it lands on. */
  public void logIn(String base, String login, String password, String home) {
    List<WebElement> logout = driver.findElements(By.id("logout"));
    if (!logout.isEmpty() && logout.get(0).isDisplayed()) {
      logout.get(0).click();
      waitFor(By.id("login-form"));
    }
    open(base + "#/");
    waitFor(By.id("login-form"));
    type(By.name("login"), login);
    type(By.name("password"), password);
    driver.findElement(By.name("password")).sendKeys(org.openqa.selenium.Keys.ENTER);
    waitForPage(home);
  }

  /** Opens a page of the console and waits until it has rendered. */
  public void page(String base, String path) {
    open(base + "#/" + path);
    waitForPage(path.replaceAll("\\?.*", ""));
  }

  public void submit(String form) {
    driver.findElement(By.cssSelector(form + " button[type=submit]")).click();
  }

  public String mainText() {
    return driver.findElement(By.tagName("main")).getText();
  }

  /** Fails on any serious or critical axe-core violation of the page as it is now. */
  public void assertAccessible(String page) {
    List<String> violations = seriousViolations();
    if (!violations.isEmpty()) {
      throw new AssertionError(page + ": " + String.join("\n", violations));
    }
  }

  /** Into target/console-screenshots, and into docs/console with -Dtongxing.screenshots=docs. */
  public void photograph(String name) {
    write(name, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES), photoDirectories());
  }

  /** The whole page in one picture (up to 6,000 px tall), beyond the window, as Chromium lays it out. */
  public void photographWhole(String name) {
    long height = (Long) script("return Math.min(6000, Math.max(document.documentElement.scrollHeight, 600))");
    long width = (Long) script("return document.documentElement.clientWidth");
    java.util.Map<String, Object> shot = ((ChromeDriver) driver).executeCdpCommand("Page.captureScreenshot", java.util.Map.of(
      "format", "png", "captureBeyondViewport", true,
      "clip", java.util.Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
    write(name, java.util.Base64.getDecoder().decode((String) shot.get("data")), photoDirectories());
  }

  private static Path[] photoDirectories() {
    Path shots = Path.of("target", "console-screenshots");
    return "docs".equals(System.getProperty("tongxing.screenshots")) ? new Path[] {shots, Path.of("..", "docs", "console")}
      : new Path[] {shots};
  }

  public void switchLanguage() {
    String before = (String) script("return document.documentElement.lang");
    driver.findElement(By.id("lang")).click();
    waitUntil(d -> !before.equals(script("return document.documentElement.lang")));
  }

  @Override
  public void close() {
    driver.quit();
  }
}
