package io.tongxing.server.pass;

import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.Messages;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An approval refused because requirements are not met. It becomes a 409 naming each missing
 * requirement, in the caller's language, once the language is known ({@link #refusal}).
 */
public final class MissingProofs extends RuntimeException {

  private final transient List<Requirement> missing;

  MissingProofs(List<Requirement> missing) {
    super("missing " + missing, null, false, false);
    this.missing = List.copyOf(missing);
  }

  public List<Requirement> missing() {
    return missing;
  }

  public ApiException refusal(Locale locale) {
    String names = missing.stream().map(r -> Messages.text(locale, "requirement." + r.name()))
      .collect(Collectors.joining(Messages.text(locale, "list.separator")));
    JsonArray codes = new JsonArray();
    missing.forEach(r -> codes.add(r.name()));
    return new ApiException(409, "PROOF_MISSING", new JsonObject().put("field", "requirements").put("missing", codes), 0, names);
  }
}
