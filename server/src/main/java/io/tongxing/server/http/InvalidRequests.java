package io.tongxing.server.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Requests HTTP itself refuses before any route sees them — a request line or headers beyond the
 * server's limits, or bytes that are not HTTP — answered like every other refusal: the JSON error
 * {@code {code, message, details}} in the caller's language. The connection is closed afterwards.
 */
public final class InvalidRequests implements Handler<HttpServerRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(InvalidRequests.class);

  @Override
  public void handle(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    ApiException problem;
    if (cause instanceof TooLongHttpLineException) {
      problem = new ApiException(414, "URI_TOO_LONG", new JsonObject().put("field", "uri"), 0);
    } else if (cause instanceof TooLongHttpHeaderException) {
      problem = new ApiException(431, "HEADERS_TOO_LARGE", new JsonObject().put("field", "headers"), 0);
    } else {
      problem = ApiException.invalidField("BAD_REQUEST", "request");
    }
    LOG.info("request refused by HTTP: {} {}", problem.status(), problem.code());
    Locale locale = Messages.locale(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    request.response()
      .setStatusCode(problem.status())
      .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
      .putHeader(HttpHeaders.CONTENT_LANGUAGE, Messages.languageTag(locale))
      .putHeader(HttpHeaders.CONNECTION, "close")
      .end(new JsonObject()
        .put("code", problem.code())
        .put("message", Messages.text(locale, "error." + problem.code()))
        .put("details", problem.details())
        .encode());
  }
}
