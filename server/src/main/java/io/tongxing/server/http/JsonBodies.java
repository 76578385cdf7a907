package io.tongxing.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * For request bodies checked by hand instead of by the contract's generic validator
 * ({@code x-validated-by}): the parse and the refusals, in the shapes the router's validation gives
 * ({@link ValidationProblems}).
 */
public final class JsonBodies {

  private JsonBodies() {
  }

  /** The parsed JSON body: 415 unless it is JSON, 400 when it is missing or malformed. */
  public static Object parse(String contentType, Buffer body) {
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new ApiException(415, "UNSUPPORTED_MEDIA_TYPE", new JsonObject().put("field", "Content-Type"), 0);
    }
    if (body == null || body.length() == 0) {
      throw ApiException.invalidField("BODY_REQUIRED", "body");
    }
    try {
      return Json.decodeValue(body);
    } catch (DecodeException e) {
      throw ApiException.invalidField("MALFORMED_JSON", "body");
    }
  }

  /** The parsed body, once {@code check} (which throws the refusal) has found it of its schema's shape. */
  public static JsonObject checked(String contentType, Buffer body, Consumer<Object> check) {
    Object parsed = parse(contentType, body);
    check.accept(parsed);
    return (JsonObject) parsed;
  }

  /** 400 {@code VALIDATION_FAILED} naming {@code field}, with the schema keyword it broke. */
  public static ApiException refused(String field, String keyword, String reason) {
    return new ApiException(400, "VALIDATION_FAILED", new JsonObject()
      .put("field", field)
      .put("violations", new JsonArray().add(new JsonObject().put("field", field).put("keyword", keyword).put("reason", reason))), 0);
  }
}
