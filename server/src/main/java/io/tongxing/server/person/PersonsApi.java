package io.tongxing.server.person;

import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.ApiRoutes;
import io.tongxing.server.http.Messages;
import io.tongxing.server.http.Principal;

import java.util.UUID;

/** Finding residents, viewing them, flagging them. */
public final class PersonsApi {

  private final Persons persons;

  public PersonsApi(Persons persons) {
    this.persons = persons;
  }

  public void addRoutes(ApiRoutes routes) {
    routes.respond("searchPerson", ctx -> persons.search(ApiRoutes.body(ctx), Messages.locale(ctx)));
    routes.respond("getPerson", ctx -> persons.view(personId(ApiRoutes.path(ctx, "personId")), Messages.locale(ctx)));
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
