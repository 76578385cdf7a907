package io.tongxing.server;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.server.auth.DemoOneTimeCodeSender;
import io.tongxing.server.cli.VerifyCommand;
import io.tongxing.server.config.ConfigLoader;
import io.tongxing.server.config.ServerConfig;
import io.tongxing.server.crypto.KeyMaterial;
import io.tongxing.server.db.Database;
import io.tongxing.server.demo.DemoData;
import io.tongxing.server.keys.JcaProviders;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code java -jar tongxing-server.jar [--demo] [--config path]}: starts one region server.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("verify")) {
      System.exit(VerifyCommand.run(List.of(args).subList(1, args.length), System.out));
    }
    boolean demo = false;
    boolean twoRegions = false;
    Optional<Path> configFile = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--demo" -> demo = true;
        case "--demo-two-regions" -> twoRegions = true;
        case "--config" -> {
          if (i + 1 >= args.length) {
            usage("--config needs a path");
          }
          configFile = Optional.of(Path.of(args[++i]));
        }
        case "--help", "-h" -> usage(null);
        default -> usage("unknown argument " + args[i]);
      }
    }
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = Vertx.builder()
      .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)))
      .withMetrics(new MicrometerMetricsFactory(metrics))
      .build();
    Database database = null;
    try {
      ServerConfig loaded = ConfigLoader.load(vertx, configFile).await();
      if (twoRegions) {
        io.tongxing.server.demo.TwoRegionDemo.run(vertx, loaded);
        return;
      }
      boolean seedDemo = demo || loaded.demoData();
      // With demo data to seed, /health/ready waits for it (RegionServer.startedUp).
      ServerConfig config = seedDemo ? loaded.withDemoData() : loaded;
      if (seedDemo && !DemoData.DemoRegion.fits(config.regionCode())) {
        System.err.println("The demo data is Beijing's (110000) or Langfang's (131000), on the corridor between them;"
          + " this server is configured as region " + config.regionCode() + ". Start it without --demo, or as 110000 or 131000.");
        System.exit(2);
      }
      database = Database.open(config);
      SecureRandom random = new SecureRandom();
      KeyMaterial keys = KeyMaterial.load(config.keys(), database.isEmbedded() || seedDemo, random);
      Dependencies deps = new Dependencies(database.connectOptions(), keys, Clock.systemUTC(), random,
        new DemoOneTimeCodeSender(), metrics, List.of(), JcaProviders.nativeOrDefault(config.nativeCryptoProvider()));
      RegionServer server = RegionServer.start(vertx, config, deps).await();
      String base = config.publicUrl().isBlank() ? "http://localhost:" + server.port() : config.publicUrl();
      Database db = database;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, vertx, db), "tongxing-shutdown"));
      String thumbprint = server.services().trustKeyThumbprint().await();
      if (seedDemo) {
        DemoData demoData = new DemoData(server.services(), Clock.systemUTC(), config.zone(),
          DemoData.DemoRegion.of(config.regionCode()));
        demoData.seed().await();
        server.startedUp();
        System.out.println(banner(config, base, thumbprint) + demoData.walkthrough(base).await() + demoData.logins());
      } else {
        System.out.println(banner(config, base, thumbprint));
      }
    } catch (RuntimeException e) {
      LOG.error("start-up failed: {}", e.getMessage(), e);
      vertx.close();
      if (database != null) {
        database.close();
      }
      System.exit(1);
    }
  }

  /** Stops HTTP, then Vert.x, then the database — each bounded, so a stuck step cannot hold the JVM. */
  private static void stop(RegionServer server, Vertx vertx, Database database) {
    try {
      server.stop().await(10, TimeUnit.SECONDS);
    } catch (TimeoutException | RuntimeException e) {
      LOG.warn("HTTP verticles did not stop cleanly: {}", e.toString());
    }
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (TimeoutException | RuntimeException e) {
      LOG.warn("Vert.x did not close cleanly: {}", e.toString());
    }
    database.close();
  }

  private static String banner(ServerConfig config, String base, String trustKeyThumbprint) {
    return "\n"
      + "  Tongxing 通行 region server — " + config.regionName() + " (" + config.regionCode() + ")\n"
      + "  Console      " + base + "/console/   (authority, enterprise portal, community desk)\n"
      + "  API          " + base + "/api/v1\n"
      + "  Contract     " + base + "/openapi.yaml\n"
      + "  Health       " + base + "/health\n"
      + "  Metrics      " + base + "/metrics\n"
      + "  Trust bundle " + base + "/trust-bundle   (keys: " + base + "/.well-known/jwks.json)\n"
      + "  Trust key    thumbprint " + trustKeyThumbprint + " — what checkpoints pin\n"
      + "  Health code  GET " + base + "/api/v1/me/health-code as a resident (also /qr.png, /qr.svg)\n"
      + "  Verify       java -jar server/target/tongxing-server.jar verify --server " + base + " <qr.png | QR text>\n";
  }

  private static void usage(String problem) {
    if (problem != null) {
      System.err.println(problem);
    }
    System.err.println("usage: java -jar tongxing-server.jar [--demo | --demo-two-regions] [--config tongxing.json]");
    System.err.println("       java -jar tongxing-server.jar verify [--server URL] <qr.png | QR text>   (verify --help for more)");
    System.exit(problem == null ? 0 : 2);
  }
}
