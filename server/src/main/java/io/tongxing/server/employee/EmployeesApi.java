package io.tongxing.server.employee;

import io.tongxing.server.http.ApiRoutes;
import io.tongxing.server.http.Messages;
import io.tongxing.server.http.Principal;
import io.vertx.openapi.validation.RequestParameter;

import java.util.UUID;

/**
 * An enterprise's employees: one by one, and in bulk from a streamed CSV file with a per-row report;
 * and the resident's view of the enterprises that list them, with their refusals.
 */
public final class EmployeesApi {

  private final Employees employees;
  private final EmployeeImports imports;
  private final ResidentEmployers residents;

  public EmployeesApi(Employees employees, EmployeeImports imports, ResidentEmployers residents) {
    this.employees = employees;
    this.imports = imports;
    this.residents = residents;
  }

  public void addRoutes(ApiRoutes routes) {
    routes.respond("addEmployee", 201, ctx -> employees.add(Principal.of(ctx), ApiRoutes.body(ctx)));
    routes.respond("listEmployees", ctx -> {
      RequestParameter after = ApiRoutes.query(ctx, "after");
      RequestParameter limit = ApiRoutes.query(ctx, "limit");
      return employees.list(Principal.of(ctx), after == null ? null : UUID.fromString(after.getString()),
        limit == null ? 100 : limit.getInteger());
    });
    routes.respond("updateEmployee", ctx -> employees.update(Principal.of(ctx), UUID.fromString(ApiRoutes.path(ctx, "employeeId")),
      ApiRoutes.body(ctx)));
    routes.respond("endEmployment", ctx -> employees.end(Principal.of(ctx), UUID.fromString(ApiRoutes.path(ctx, "employeeId")),
      ApiRoutes.body(ctx).getString("reason")));
    routes.respond("listMyEmployers", ctx -> residents.mine(Principal.of(ctx)));
    routes.respond("refuseEmployer", 201, ctx -> residents.refuse(Principal.of(ctx),
      UUID.fromString(ApiRoutes.path(ctx, "listingId")), ApiRoutes.body(ctx).getString("reason")));
    routes.respond("withdrawEmployerRefusal", ctx -> residents.withdraw(Principal.of(ctx),
      UUID.fromString(ApiRoutes.path(ctx, "enterpriseId"))));
    routes.respond("createEmployeeImport", 201, ctx -> imports.create(Principal.of(ctx)));
    routes.respond("uploadEmployeeImport", ctx -> imports.upload(ctx.request(), Principal.of(ctx),
      UUID.fromString(ApiRoutes.path(ctx, "importId"))));
    routes.respond("getEmployeeImport", ctx -> imports.get(Principal.of(ctx), UUID.fromString(ApiRoutes.path(ctx, "importId"))));
    routes.respond("listEmployeeImportRows", ctx -> {
      RequestParameter outcome = ApiRoutes.query(ctx, "outcome");
      RequestParameter after = ApiRoutes.query(ctx, "after");
      RequestParameter limit = ApiRoutes.query(ctx, "limit");
      return imports.rows(Principal.of(ctx), UUID.fromString(ApiRoutes.path(ctx, "importId")),
        outcome == null ? null : outcome.getString(), after == null ? 0 : after.getInteger(),
        limit == null ? 200 : limit.getInteger(), Messages.locale(ctx));
    });
  }
}
