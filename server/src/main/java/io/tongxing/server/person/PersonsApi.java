package io.tongxing.server.person;

import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.ApiRoutes;
import io.tongxing.server.http.Messages;
import io.tongxing.server.http.Principal;
import io.vertx.openapi.validation.RequestParameter;

import java.util.UUID;

/** Finding residents, viewing them, flagging them. */
public final class PersonsApi {

  private final Persons persons;

  public PersonsApi(Persons persons) {
    this.persons = persons;
  }

  public void addRoutes(ApiRoutes routes) {
    routes.respond("searchPerson", ctx -> persons.search(Principal.of(ctx), ApiRoutes.body(ctx), Messages.locale(ctx)));
    routes.respond("getPerson", ctx -> {
      RequestParameter reason = ApiRoutes.query(ctx, "reason");
      return persons.view(Principal.of(ctx), personId(ApiRoutes.path(ctx, "personId")),
        reason == null ? null : reason.getString(), Messages.locale(ctx));
    });
    routes.respond("setPersonFlag", 201, ctx -> persons.setFlag(Principal.of(ctx),
      personId(ApiRoutes.path(ctx, "personId")), ApiRoutes.body(ctx)));
  }

  private static UUID personId(String raw) {
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField("VALIDATION_FAILED", "personId");
    }
  }
}
