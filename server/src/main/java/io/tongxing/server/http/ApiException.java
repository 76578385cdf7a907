package io.tongxing.server.http;

import io.vertx.core.json.JsonObject;

/**
 * A refusal the client should see: an HTTP status, a stable error code (also the key of the
 * localized message) and optional details such as the offending field.
 */
public final class ApiException extends RuntimeException {

  private final int status;
  private final String code;
  private final transient JsonObject details;
  private final long retryAfterSeconds;
  private final transient Object[] messageArgs;

  public ApiException(int status, String code, JsonObject details, long retryAfterSeconds, Object... messageArgs) {
    super(code, null, false, false);
    this.status = status;
    this.code = code;
    this.details = details == null ? new JsonObject() : details;
    this.retryAfterSeconds = retryAfterSeconds;
    this.messageArgs = messageArgs;
  }

  /** 400 naming the field whose value was refused. */
  public static ApiException invalidField(String code, String field) {
    return new ApiException(400, code, new JsonObject().put("field", field), 0);
  }

  public static ApiException unauthorized(String code) {
    return new ApiException(401, code, null, 0);
  }

  public static ApiException forbidden(String code) {
    return new ApiException(403, code, null, 0);
  }

  public static ApiException notFound(String code) {
    return new ApiException(404, code, null, 0);
  }

  public static ApiException conflict(String code, String field) {
    return new ApiException(409, code, field == null ? null : new JsonObject().put("field", field), 0);
  }

  public static ApiException tooManyRequests(String code, long retryAfterSeconds) {
    return new ApiException(429, code, new JsonObject().put("retryAfterSeconds", retryAfterSeconds), retryAfterSeconds);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public JsonObject details() {
    return details.copy();
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public Object[] messageArgs() {
    return messageArgs.clone();
  }
}
