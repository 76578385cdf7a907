package io.tongxing.server.federation;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.time.Duration;

/**
 * HTTP to partner servers with bounds on everything a partner controls: how long the connection
 * may take, how long it may stay silent, how long the whole answer may take (a partner trickling a
 * byte a second is never silent) and how large the answer may be. A partner breaking a bound costs
 * this region at most that bound, and the failure says which bound it broke.
 */
public final class PartnerClient {

  /** The bounds; see {@code federation.partnerHttp} in the configuration. */
  public record Limits(Duration connectTimeout, Duration idleTimeout, Duration totalTimeout, long maxBodyBytes) {
    public Limits {
      if (totalTimeout.isZero() || totalTimeout.isNegative() || maxBodyBytes <= 0) {
        throw new IllegalArgumentException("partner HTTP limits must be positive");
      }
    }
  }

  /** A complete answer within the bounds. */
  public record Answer(int status, MultiMap headers, Buffer body) {
    public String header(String name) {
      return headers.get(name);
    }
  }

  /** A call that broke a bound or never connected; the message is what the console shows. */
  public static final class CallFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CallFailed(String message) {
      super(message, null, false, false);
    }
  }

  private final Vertx vertx;
  private final HttpClient http;
  private final Limits limits;

  public PartnerClient(Vertx vertx, Limits limits) {
    this.vertx = vertx;
    this.limits = limits;
    this.http = vertx.createHttpClient(new HttpClientOptions()
      .setConnectTimeout((int) limits.connectTimeout().toMillis())
      .setDecompressionSupported(false));
  }

  public Limits limits() {
    return limits;
  }

  public Future<Answer> get(String url, MultiMap headers) {
    return call(HttpMethod.GET, url, headers, null);
  }

  public Future<Answer> post(String url, MultiMap headers, Buffer body) {
    return call(HttpMethod.POST, url, headers, body);
  }

  private Future<Answer> call(HttpMethod method, String url, MultiMap headers, Buffer body) {
    Promise<Answer> answer = Promise.promise();
    long totalMillis = limits.totalTimeout().toMillis();
    HttpClientRequest[] sent = new HttpClientRequest[1];
    long timer = vertx.setTimer(totalMillis, id -> {
      if (answer.tryFail(new CallFailed("timed out: no complete answer within " + totalMillis + " ms")) && sent[0] != null) {
        sent[0].reset();
      }
    });
    RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(url).setHeaders(headers)
      .setConnectTimeout(limits.connectTimeout().toMillis())
      .setIdleTimeout(limits.idleTimeout().toMillis());
    http.request(options)
      .compose(request -> {
        sent[0] = request;
        if (answer.future().isComplete()) {
          request.reset();
        }
        return body == null ? request.send() : request.send(body);
      })
      .onSuccess(response -> {
        String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parsedLength(length) > limits.maxBodyBytes()) {
          tooLarge(answer, sent[0]);
          return;
        }
        Buffer received = Buffer.buffer();
        response.handler(chunk -> {
          if (received.length() + chunk.length() > limits.maxBodyBytes()) {
            tooLarge(answer, sent[0]);
          } else if (!answer.future().isComplete()) {
            received.appendBuffer(chunk);
          }
        });
        response.exceptionHandler(e -> answer.tryFail(failure(e)));
        response.endHandler(v -> answer.tryComplete(new Answer(response.statusCode(), response.headers(), received)));
      })
      .onFailure(e -> answer.tryFail(failure(e)));
    return answer.future().andThen(done -> vertx.cancelTimer(timer));
  }

  private void tooLarge(Promise<Answer> answer, HttpClientRequest request) {
    if (answer.tryFail(new CallFailed("too large: the answer exceeds " + limits.maxBodyBytes() + " bytes"))) {
      request.reset();
    }
  }

  private CallFailed failure(Throwable e) {
    if (e instanceof CallFailed) {
      return (CallFailed) e;
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof java.util.concurrent.TimeoutException || e instanceof io.netty.channel.ConnectTimeoutException
      || message.contains("timeout") || message.contains("timed out")) {
      return new CallFailed("timed out: " + message);
    }
    return new CallFailed("unreachable: " + message);
  }

  private static long parsedLength(String length) {
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
