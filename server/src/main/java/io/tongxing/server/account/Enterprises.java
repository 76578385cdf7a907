package io.tongxing.server.account;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.util.List;

/** The registered enterprises as the authority sees them: which corridors each may apply on. */
public final class Enterprises {

  private final Pool pool;

  public Enterprises(Pool pool) {
    this.pool = pool;
  }

  public Future<JsonArray> list() {
    return pool.query("select a.id, a.display_name, e.credit_code, a.created_at, "
        + "coalesce((select array_agg(m.corridor_id order by m.corridor_id) from corridor_enterprises m "
        + "where m.enterprise_id = a.id), '{}') as corridors from enterprises e join accounts a on a.id = e.account_id "
        + "order by a.display_name, e.credit_code")
      .execute()
      .map(rows -> {
        JsonArray enterprises = new JsonArray();
        rows.forEach(row -> enterprises.add(new JsonObject()
          .put("accountId", row.getUUID("id").toString())
          .put("name", row.getString("display_name"))
          .put("creditCode", row.getString("credit_code"))
          .put("registeredAt", row.getOffsetDateTime("created_at").toInstant().toString())
          .put("corridors", new JsonArray(List.of((Object[]) row.getArrayOfStrings("corridors"))))));
        return enterprises;
      });
  }
}
