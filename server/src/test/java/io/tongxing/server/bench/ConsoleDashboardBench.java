package io.tongxing.server.bench;

import io.tongxing.server.console.Browser;
import io.tongxing.server.db.Database;
import io.tongxing.server.db.EmbeddedDatabase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Time to first render of the console's dashboard with 1,000,000 issued health codes (14 days,
 * three colours) and 100,000 scans of the last 24 hours in the database: the aggregate API alone,
 * and the whole page in headless chromium from navigation start until the charts are in the DOM
 * (app.js stamps performance.now() on main). The same-run reference is a plain
 * {@code select count(*) from issued_tokens}: what reading every row costs on this machine.
 *
 * <pre>mvn -B -q -pl server -Pbench -Dbench.class=io.tongxing.server.bench.ConsoleDashboardBench -DskipTests verify</pre>
 */
public final class ConsoleDashboardBench {

  private static final int TOKENS = 1_000_000;
  private static final int SCANS = 100_000;
  private static final int RUNS = 7;

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("tongxing-dashboard-bench");
    EmbeddedDatabase db = BenchRegion.database(dir.resolve("pg"));
    try (BenchRegion region = BenchRegion.start(dir, db, json -> { })) {
      String jdbc = Database.jdbcUrl(db.connectOptions());
      try (Connection c = DriverManager.getConnection(jdbc, db.connectOptions().getUser(), db.connectOptions().getPassword());
           Statement s = c.createStatement()) {
        long started = System.nanoTime();
        // Bulk rows for one account: the aggregates group by day, colour and state, never by person.
        s.execute("insert into issued_tokens (list_id, idx, kind, account_id, kid, issued_at, expires_at, colour, status, token) "
          + "select 1000 + g / 1048576, g % 1048576, 'HEALTH_CODE', (select id from accounts where username = 'bench-admin'), 'bench', "
          + "now() - (g % 14) * interval '1 day' - (g % 86000) * interval '1 second', "
          + "now() - (g % 14) * interval '1 day' + interval '1 day', "
          + "(array['GREEN','GREEN','GREEN','GREEN','GREEN','GREEN','GREEN','GREEN','YELLOW','RED'])[1 + g % 10], "
          + "case when g % 9 = 0 then 1 else 0 end, 'bench' from generate_series(0, " + (TOKENS - 1) + ") g");
        s.execute("insert into scan_records (device_id, sequence, checkpoint_id, scanned_at, outcome, reason, received_at, received_minute) "
          + "select md5((g % 40)::text)::uuid, g + 1, 'bench-cp-' || (g % 20), now() - (g % 86000) * interval '1 second', "
          + "(array['PASS','PASS','PASS','PASS','PASS','PASS','PASS','STOP','REVIEW','PASS'])[1 + g % 10], 'ACCEPTED', now(), "
          + "floor(extract(epoch from now()) / 60)::integer "
          + "from generate_series(0, " + (SCANS - 1) + ") g");
        // What autovacuum does soon after a bulk load; index-only scans need the visibility map it writes.
        s.execute("vacuum analyze issued_tokens");
        s.execute("vacuum analyze scan_records");
        System.out.printf("loaded %,d issued tokens and %,d scans in %.1f s%n", TOKENS, SCANS, (System.nanoTime() - started) / 1e9);

        List<Double> counts = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
          long t0 = System.nanoTime();
          try (ResultSet rs = s.executeQuery("select count(*) from issued_tokens")) {
            rs.next();
          }
          counts.add((System.nanoTime() - t0) / 1e6);
        }
        report("reference: select count(*) from issued_tokens (JDBC)", counts);
        // Where the dashboard's time goes: the plans of its two range aggregates over today's rows.
        explain(s, "select colour, count(*) from issued_tokens where kind = 'HEALTH_CODE' "
          + "and issued_at >= date_trunc('day', now()) and issued_at < date_trunc('day', now()) + interval '1 day' group by colour");
        explain(s, "select checkpoint_id, date_trunc('hour', scanned_at), outcome, count(*) from scan_records "
          + "where scanned_at >= now() - interval '24 hours' and scanned_at <= now() group by 1, 2, 3");
      }

      String token = expect(region.client.post("/api/v1/auth/login").sendJsonObject(new JsonObject()
        .put("login", "bench-admin").put("password", "Bench-admin-pass-1")).await()).bodyAsJsonObject().getString("accessToken");
      List<Double> api = new ArrayList<>();
      for (int i = 0; i < RUNS + 2; i++) {
        long t0 = System.nanoTime();
        HttpResponse<Buffer> reply = expect(region.client.get("/api/v1/admin/dashboard").putHeader("Authorization", "Bearer " + token)
          .send().await());
        if (i >= 2) {
          api.add((System.nanoTime() - t0) / 1e6);
        }
        if (i == 0) {
          System.out.printf("first dashboard call (counts the 13 settled days once into dashboard_code_days): %.1f ms, %,d bytes%n",
            (System.nanoTime() - t0) / 1e6, reply.body().length());
        }
      }
      report("GET /api/v1/admin/dashboard (HTTP, 2 warm-ups)", api);

      if (!Browser.available()) {
        System.out.println("chromium or chromium-driver missing: no time to first render");
        return;
      }
      String base = "http://localhost:" + region.server.port() + "/console/";
      try (Browser browser = new Browser()) {
        browser.open(base);
        browser.type(By.name("login"), "bench-admin");
        browser.type(By.name("password"), "Bench-admin-pass-1");
        browser.driver.findElement(By.name("password")).sendKeys(Keys.ENTER);
        browser.waitForPage("dashboard");
        List<Double> render = new ArrayList<>();
        for (int i = 0; i < RUNS + 1; i++) {
          browser.open("about:blank");
          browser.open(base + "#/dashboard");
          browser.waitForPage("dashboard");
          double ms = Double.parseDouble((String) browser.script("return document.querySelector('main').dataset.renderedMs"));
          if (i >= 1) {
            render.add(ms);
          }
        }
        report("dashboard first render in chromium (navigation start to charts in the DOM, 1 warm-up)", render);
      }
    }
  }

  private static void explain(Statement s, String sql) throws java.sql.SQLException {
    try (ResultSet rs = s.executeQuery("explain (analyze, buffers) " + sql)) {
      while (rs.next()) {
        String line = rs.getString(1);
        if (line.contains("Scan") || line.contains("Execution Time") || line.contains("Aggregate")) {
          System.out.println("  " + line.trim());
        }
      }
    }
  }

  private static HttpResponse<Buffer> expect(HttpResponse<Buffer> reply) {
    if (reply.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + reply.statusCode() + ": " + reply.bodyAsString());
    }
    return reply;
  }

  private static void report(String what, List<Double> millis) {
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    System.out.printf("%-90s median %7.1f ms  min %7.1f  max %7.1f  (n=%d)%n", what, sorted.get(sorted.size() / 2), sorted.get(0),
      sorted.get(sorted.size() - 1), sorted.size());
  }
}
