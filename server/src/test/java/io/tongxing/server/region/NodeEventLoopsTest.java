package io.tongxing.server.region;

import io.tongxing.server.support.CapturedLogs;
import io.tongxing.server.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node started on a random port (port 0, as tests and benchmarks start it) with two HTTP verticles
 * answers on both of them, like a node on a fixed port: each new connection goes to the next event
 * loop. Two nodes in one Vert.x each get a port of their own.
 */
@ExtendWith(VertxExtension.class)
class NodeEventLoopsTest {

  /** An access-log line of a request to /health/live, and the thread that served it. */
  private static final Pattern SERVED = Pattern.compile("\"threadName\":\"(vert\\.x-eventloop-thread-[0-9]+)\"[^\\n]*"
    + "tongxing\\.access[^\\n]*health\\\\?/live");

  @Test
  void aNodeOnARandomPortServesOnEveryHttpVerticle(Vertx vertx) {
    JsonObject twoVerticles = new JsonObject().put("http", new JsonObject().put("instances", 2));
    TestServer node = TestServer.start(vertx, twoVerticles, List.of());
    TestServer other = TestServer.start(vertx, twoVerticles, List.of());
    try {
      int from = CapturedLogs.length();
      // A new connection for each request: connections, not requests, are spread over the verticles.
      HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
      for (int i = 0; i < 8; i++) {
        assertEquals(200, client.request(HttpMethod.GET, node.port(), "localhost", "/health/live")
          .compose(request -> request.send()).await().statusCode());
      }
      client.close().await();

      Set<String> threads = new TreeSet<>();
      Matcher served = SERVED.matcher(CapturedLogs.text().substring(from));
      while (served.find()) {
        threads.add(served.group(1));
      }
      assertEquals(2, threads.size(), "event loops that served the 8 requests: " + threads);
      assertNotEquals(node.port(), other.port());
      assertTrue(node.port() > 0 && other.port() > 0);
    } finally {
      node.stop();
      other.stop();
    }
  }
}
