package io.tongxing.server.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A partner region's server as the network may deliver it: on loopback in front of a real region
 * server, honest (it passes every request through) until the test switches it to a way of failing.
 * Every failure answers from the first byte of the request on, whatever the path.
 */
public final class MisbehavingPartner {

  /** How it answers. */
  public enum Behaviour {
    /** Passes requests to the real server and its answers back. */
    HONEST,
    /** Accepts the connection and the request, and never answers. */
    SILENT,
    /** Answers 200 with its headers, then one byte every 300 ms, forever. */
    TRICKLING,
    /** 200 with 4 KB of random bytes. */
    RANDOM_BYTES,
    /** 200 with the first half of the real server's answer (a JWS cut short). */
    TRUNCATED,
    /** 200 with well-formed JSON of another shape. */
    WRONG_SHAPE,
    /** 200 with 32 MB, streamed without a length. */
    OVERSIZED
  }

  public static final int OVERSIZED_BYTES = 32 * 1024 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final HttpClient upstream;
  private volatile int upstreamPort;
  private final HttpServer server;
  private volatile Behaviour behaviour = Behaviour.HONEST;
  private final AtomicInteger requests = new AtomicInteger();
  private final Map<String, AtomicInteger> byRequest = new ConcurrentHashMap<>();

  private MisbehavingPartner(Vertx vertx) {
    this.vertx = vertx;
    this.upstream = vertx.createHttpClient();
    this.server = vertx.createHttpServer().requestHandler(this::answer).listen(0, "localhost").await();
  }

  /** Listening, before the region server it stands in front of starts (which names it as its public address). */
  public static MisbehavingPartner listening(Vertx vertx) {
    return new MisbehavingPartner(vertx);
  }

  /** Stands in front of the region server listening on {@code port}. */
  public void inFrontOf(int port) {
    this.upstreamPort = port;
  }

  public String baseUrl() {
    return "http://localhost:" + server.actualPort();
  }

  public void behave(Behaviour behaviour) {
    this.behaviour = behaviour;
  }

  public void stop() {
    server.close().await();
    upstream.close().await();
  }

  /** Requests received, whatever they were. */
  public int requests() {
    return requests.get();
  }

  /** Requests received with this method and path (query left out), e.g. {@code GET /trust-bundle}. */
  public int requests(String methodAndPath) {
    AtomicInteger count = byRequest.get(methodAndPath);
    return count == null ? 0 : count.get();
  }

  private void answer(HttpServerRequest request) {
    requests.incrementAndGet();
    byRequest.computeIfAbsent(request.method().name() + " " + request.path(), k -> new AtomicInteger()).incrementAndGet();
    HttpServerResponse response = request.response();
    switch (behaviour) {
      case HONEST -> passThrough(request, false);
      case SILENT -> request.pause();
      case TRICKLING -> {
        response.setChunked(true).putHeader("Content-Type", "application/jwt").writeHead();
        long timer = vertx.setPeriodic(300, id -> response.write("e"));
        response.closeHandler(v -> vertx.cancelTimer(timer));
      }
      case RANDOM_BYTES -> {
        byte[] bytes = new byte[4096];
        RANDOM.nextBytes(bytes);
        response.end(Buffer.buffer(bytes));
      }
      case TRUNCATED -> passThrough(request, true);
      case WRONG_SHAPE -> response.putHeader("Content-Type", "application/json")
        .end("{\"regions\":[{\"code\":\"130600\"}],\"note\":\"this is not a signed document\"}");
      case OVERSIZED -> {
        response.setChunked(true).putHeader("Content-Type", "application/jwt");
        stream(response, Buffer.buffer("A".repeat(64 * 1024)), OVERSIZED_BYTES);
      }
      default -> throw new IllegalStateException(behaviour.name());
    }
  }

  /** Writes {@code left} bytes in chunks, as fast as the reader takes them. */
  private void stream(HttpServerResponse response, Buffer chunk, long left) {
    while (left > 0 && !response.writeQueueFull()) {
      response.write(chunk);
      left -= chunk.length();
    }
    if (left <= 0) {
      response.end();
      return;
    }
    long remaining = left;
    response.drainHandler(v -> stream(response, chunk, remaining));
  }

  private void passThrough(HttpServerRequest request, boolean truncate) {
    io.vertx.core.MultiMap headers = io.vertx.core.MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
    if (truncate) {
      headers.remove("If-None-Match"); // a 304 has nothing to cut
    }
    request.body().compose(body -> upstream.request(new RequestOptions().setMethod(request.method()).setHost("localhost")
          .setPort(upstreamPort).setURI(request.uri()).setHeaders(headers))
        .compose(call -> call.send(body))
        .compose(answer -> answer.body().map(received -> {
          HttpServerResponse response = request.response().setStatusCode(answer.statusCode());
          answer.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Transfer-Encoding")) {
              response.putHeader(name, value);
            }
          });
          return response.end(truncate ? received.getBuffer(0, received.length() / 2) : received);
        })))
      .onFailure(e -> request.response().setStatusCode(502).end());
  }
}
