package io.tongxing.server.pass;

import io.tongxing.server.http.ApiException;
import io.vertx.core.json.JsonObject;

/** The refusals of the pass workflow: each names the field (or CSV row) it concerns. */
public final class Refusal {

  private Refusal() {
  }

  public static ApiException invalid(String code, String field, Object... messageArgs) {
    return new ApiException(400, code, new JsonObject().put("field", field), 0, messageArgs);
  }

  public static ApiException notFound(String code, String field) {
    return new ApiException(404, code, new JsonObject().put("field", field), 0);
  }

  public static ApiException conflict(String code, String field, Object... messageArgs) {
    return new ApiException(409, code, new JsonObject().put("field", field), 0, messageArgs);
  }
}
