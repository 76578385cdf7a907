package io.tongxing.server.audit;

import io.tongxing.server.http.ApiRoutes;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.sqlclient.Pool;

/** Admins read the audit log, newest first. */
public final class AuditApi {

  private final Pool pool;
  private final AuditLog audit;

  public AuditApi(Pool pool, AuditLog audit) {
    this.pool = pool;
    this.audit = audit;
  }

  public void addRoutes(ApiRoutes routes) {
    routes.respond("listAuditLog", ctx -> {
      RequestParameter limit = ApiRoutes.query(ctx, "limit");
      RequestParameter before = ApiRoutes.query(ctx, "before");
      RequestParameter text = ApiRoutes.query(ctx, "q");
      return audit.list(pool, limit == null ? 50 : limit.getInteger(), before == null ? null : before.getLong(),
          text == null ? null : text.getString())
        .map(entries -> new JsonObject().put("entries", entries));
    });
  }
}
