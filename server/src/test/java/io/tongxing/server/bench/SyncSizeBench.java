package io.tongxing.server.bench;

import com.nimbusds.jose.jwk.ECKey;
import io.tongxing.server.bench.BenchRegion.Device;
import io.tongxing.server.config.ConfigLoader;
import io.tongxing.server.config.ServerConfig;
import io.tongxing.server.db.EmbeddedDatabase;
import io.tongxing.status.StatusListToken;
import io.tongxing.sync.CheckpointSync;
import io.tongxing.trust.TrustBundle;
import io.tongxing.trust.TrustStore;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a checkpoint device downloads for a region of 10 million issued tokens: a full sync (a new
 * device) and an up-to-date sync (nothing changed since the last), in bytes and milliseconds, beside
 * the same information fetched without the sync call in the same run (the trust bundle and every
 * status list by GET, then again with {@code If-None-Match}).
 *
 * <p>The status lists are sized directly rather than by issuing 10 million tokens: the status-index
 * sequence is set to 10,000,000 (so lists 1–10 of 2^20 entries exist), and for each list the
 * non-VALID tokens are inserted into {@code issued_tokens} — {@code bench.notValid} of the list's
 * entries (default 1 %) at random indices, REVOKED, expiring tomorrow (which keeps every list
 * live). A status list holds only those rows; VALID tokens are zero bits that cost nothing to read.
 *
 * <p>Run with {@code mvn -B -q -pl server -Pbench -Dbench.class=io.tongxing.server.bench.SyncSizeBench -DskipTests verify}.
 */
public final class SyncSizeBench {

  private static final long TOKENS = 10_000_000L;
  private static final double NOT_VALID = Double.parseDouble(System.getProperty("bench.notValid", "0.01"));
  private static final int ROUNDS = 15;
  private static final String SYNC = "/api/v1/device/sync";

  private BenchRegion region;
  private Device device;
  private List<ECPublicKey> pinned;

  public static void main(String[] args) {
    int status = 0;
    try {
      new SyncSizeBench().run();
    } catch (Exception e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  /** What the device holds after a sync: the documents, and what the sync said of them. */
  private record Holdings(JsonObject request, String bundle, Map<Long, String> lists) {
  }

  private void run() throws Exception {
    System.out.println("== checkpoint sync sizes, region of " + String.format("%,d", TOKENS) + " issued tokens, "
      + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version());
    Path dir = BenchRegion.tempDir();
    EmbeddedDatabase db = BenchRegion.database(dir.resolve("pg"));
    try (BenchRegion started = BenchRegion.start(dir, db, json -> { })) {
      region = started;
      device = region.enrollAt("bench-sync", true);
      pinned = new ArrayList<>();
      for (Object jwk : device.enrollment().getJsonArray("trustKeys")) {
        pinned.add(ECKey.parse(((JsonObject) jwk).getMap()).toECPublicKey());
      }
      int listSize = 1 << new ServerConfig(ConfigLoader.defaults()).statusListBits();
      long lists = seed(listSize);
      System.out.printf("setup      %d status lists of %,d entries (2 bits each: %,d bytes uncompressed in all); "
          + "%.1f %% of entries not VALID%n", lists, listSize, lists * listSize / 4, NOT_VALID * 100);

      long start = System.nanoTime();
      String jti = BenchRegion.jti();
      HttpResponse<Buffer> cold = BenchRegion.expect(200, region.devicePost(device, SYNC, "{}", jti).await());
      double coldMs = (System.nanoTime() - start) / 1e6;
      Holdings held = holdings(cold, jti);
      System.out.printf("full       first sync after start (server signs every list): %,d bytes, %.0f ms, %d lists%n",
        cold.body().length(), coldMs, held.lists().size());

      double[] full = new double[ROUNDS];
      int fullBytes = 0;
      for (int i = 0; i < ROUNDS; i++) {
        start = System.nanoTime();
        HttpResponse<Buffer> reply = sync(new JsonObject());
        full[i] = (System.nanoTime() - start) / 1e6;
        fullBytes = reply.body().length();
      }
      double[] current = new double[ROUNDS];
      int currentBytes = 0;
      for (int i = 0; i < ROUNDS; i++) {
        start = System.nanoTime();
        HttpResponse<Buffer> reply = sync(held.request());
        current[i] = (System.nanoTime() - start) / 1e6;
        currentBytes = reply.body().length();
        JsonObject json = reply.bodyAsJsonObject();
        if (json.containsKey("trustBundle") || !json.getJsonArray("statusLists").isEmpty()) {
          throw new IllegalStateException("an up-to-date device was sent documents again");
        }
      }

      // The reference: the same documents without the sync call, one GET each, then revalidated by ETag.
      double[] plain = new double[ROUNDS];
      double[] revalidated = new double[ROUNDS];
      long plainBytes = 0;
      long revalidatedBytes = 0;
      for (int i = 0; i < ROUNDS; i++) {
        Map<String, String> etags = new LinkedHashMap<>();
        start = System.nanoTime();
        plainBytes = 0;
        for (String path : documents(lists)) {
          HttpResponse<Buffer> reply = BenchRegion.expect(200, region.client.get(path).send().await());
          plainBytes += reply.body().length();
          etags.put(path, reply.getHeader("ETag"));
        }
        plain[i] = (System.nanoTime() - start) / 1e6;
        start = System.nanoTime();
        revalidatedBytes = 0;
        for (Map.Entry<String, String> entry : etags.entrySet()) {
          HttpResponse<Buffer> reply = BenchRegion.expect(304, region.client.get(entry.getKey())
            .putHeader("If-None-Match", entry.getValue()).send().await());
          revalidatedBytes += reply.body() == null ? 0 : reply.body().length();
        }
        revalidated[i] = (System.nanoTime() - start) / 1e6;
      }

      System.out.printf("full       new device, warm server: %,d bytes, median %.1f ms (min %.1f, max %.1f)%n",
        fullBytes, median(full), min(full), max(full));
      System.out.printf("reference  GET trust bundle + %d lists: %,d bytes in %d requests, median %.1f ms; sync/GETs: %.2f x time%n",
        lists, plainBytes, lists + 1, median(plain), median(full) / median(plain));
      System.out.printf("current    up-to-date device: %,d bytes, median %.1f ms (min %.1f, max %.1f)%n",
        currentBytes, median(current), min(current), max(current));
      System.out.printf("reference  %d conditional GETs answered 304: %,d body bytes, median %.1f ms; sync/304s: %.2f x time%n",
        lists + 1, revalidatedBytes, median(revalidated), median(current) / median(revalidated));
      System.out.printf("result     up-to-date sync is %.2f %% of a full sync (%,d of %,d bytes)%n",
        100.0 * currentBytes / fullBytes, currentBytes, fullBytes);
    }
  }

  private static List<String> documents(long lists) {
    List<String> paths = new ArrayList<>();
    paths.add("/trust-bundle");
    for (long list = 1; list <= lists; list++) {
      paths.add("/status-lists/" + list);
    }
    return paths;
  }

  /** Sets the index sequence past 10 million and inserts each list's non-VALID tokens; returns the number of lists. */
  private long seed(int listSize) {
    Pool pool = io.vertx.pgclient.PgBuilder.pool().connectingTo(region.database).using(region.loadVertx).build();
    try {
      pool.query("select setval('status_index_seq', " + (TOKENS - 1) + ")").execute().await();
      long lists = (TOKENS - 1) / listSize + 1;
      int perList = (int) Math.round(listSize * NOT_VALID);
      for (long list = 1; list <= lists; list++) {
        pool.preparedQuery("insert into issued_tokens (list_id, idx, kind, account_id, kid, issued_at, expires_at, colour, "
            + "status, status_reason, status_changed_at, token) "
            + "select $1, idx, 'HEALTH_CODE', (select id from accounts limit 1), 'bench', now(), now() + interval '1 day', "
            + "'GREEN', 1, 'bench', now(), '' "
            + "from (select distinct floor(random() * $2)::int as idx from generate_series(1, $3)) s")
          .execute(Tuple.of(list, listSize, perList)).await();
      }
      return lists;
    } finally {
      pool.close().await();
    }
  }

  private HttpResponse<Buffer> sync(JsonObject held) {
    return BenchRegion.expect(200, region.devicePost(device, SYNC, held.encode()).await());
  }

  /** Verifies a full sync as the device would and states what it now holds. */
  private Holdings holdings(HttpResponse<Buffer> reply, String jti) throws Exception {
    JsonObject json = reply.bodyAsJsonObject();
    CheckpointSync sync = CheckpointSync.verify(json.getString("sync"), pinned, device.id(), jti, region.provider);
    String bundle = json.getString("trustBundle");
    TrustStore trust = TrustBundle.verify(bundle, pinned, null);
    Map<String, String> byDigest = new LinkedHashMap<>();
    for (Object token : json.getJsonArray("statusLists")) {
      byDigest.put(CheckpointSync.digest((String) token), (String) token);
    }
    Map<Long, String> lists = new LinkedHashMap<>();
    JsonArray heldLists = new JsonArray();
    for (CheckpointSync.StatusListVersion entry : sync.statusLists()) {
      String token = byDigest.get(entry.digest());
      lists.put(entry.list(), token);
      heldLists.add(new JsonObject().put("issuer", entry.issuer().value()).put("list", entry.list())
        .put("version", entry.version()).put("issuedAt", StatusListToken.verify(token, trust, null).issuedAt().getEpochSecond())
        .put("digest", entry.digest()));
    }
    JsonObject request = new JsonObject()
      .put("trustBundle", new JsonObject().put("version", sync.trustBundle().version())
        .put("issuedAt", trust.issuedAt().getEpochSecond()).put("digest", sync.trustBundle().digest()))
      .put("statusLists", heldLists);
    return new Holdings(request, bundle, lists);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static double min(double[] values) {
    return Arrays.stream(values).min().orElse(Double.NaN);
  }

  private static double max(double[] values) {
    return Arrays.stream(values).max().orElse(Double.NaN);
  }
}
