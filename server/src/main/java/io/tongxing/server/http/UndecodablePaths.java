package io.tongxing.server.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Stands in front of the router: a path whose percent-escapes are broken ({@code /%zz}, a lone
 * {@code %}) or decode to bytes that are not UTF-8 cannot be routed, and the router would fail on it
 * while routing and again while reporting the failure. Such a request gets the JSON 400 of every
 * refusal; the log gets a {@link LogBudget bounded} WARN line, never a stack trace, however often an
 * anonymous client sends one.
 */
public final class UndecodablePaths implements Handler<HttpServerRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(UndecodablePaths.class);

  private final Handler<HttpServerRequest> router;
  private final LogBudget warnings;

  public UndecodablePaths(Handler<HttpServerRequest> router, LogBudget warnings) {
    this.router = router;
    this.warnings = warnings;
  }

  @Override
  public void handle(HttpServerRequest request) {
    String path = request.path();
    if (path == null || isDecodable(path)) {
      router.handle(request);
      return;
    }
    warnings.spend(suppressed -> LOG.warn("request refused: {} with an undecodable path -> 400 MALFORMED_PATH "
      + "({} more since the last line)", request.method(), suppressed));
    Locale locale = Messages.locale(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    request.response()
      .setStatusCode(400)
      .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
      .putHeader(HttpHeaders.CONTENT_LANGUAGE, Messages.languageTag(locale))
      .end(new JsonObject()
        .put("code", "MALFORMED_PATH")
        .put("message", Messages.text(locale, "error.MALFORMED_PATH"))
        .put("details", new JsonObject().put("field", "path"))
        .encode());
  }

  /** Every {@code %} starts two hex digits, and what they decode to is UTF-8. */
  static boolean isDecodable(String path) {
    if (path.indexOf('%') < 0) {
      return true;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(path.length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c != '%') {
        byte[] plain = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(plain, 0, plain.length);
        continue;
      }
      if (i + 2 >= path.length() || Character.digit(path.charAt(i + 1), 16) < 0 || Character.digit(path.charAt(i + 2), 16) < 0) {
        return false;
      }
      bytes.write(Character.digit(path.charAt(i + 1), 16) * 16 + Character.digit(path.charAt(i + 2), 16));
      i += 2;
    }
    try {
      StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes.toByteArray()));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
