package io.tongxing.server.health;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsTest {

  @Test
  void prometheusSeesHttpRequestsAndThePool() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = Vertx.builder()
      .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
      .withMetrics(new MicrometerMetricsFactory(registry))
      .build();
    TestServer server = TestServer.start(vertx, new JsonObject(), List.of(), TestDatabase.connectOptions(), registry);
    try {
      server.get("/api/v1/counties", null);

      TestServer.Reply metrics = server.get("/metrics", null);

      assertEquals(200, metrics.status());
      String text = metrics.body().toString();
      assertTrue(text.contains("vertx_http_server_requests_total"), "HTTP server metrics");
      assertTrue(text.contains("vertx_pool_"), "pool metrics");
    } finally {
      server.stop();
      vertx.close().await();
    }
  }
}
