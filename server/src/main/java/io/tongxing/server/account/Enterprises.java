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
    // The corridors as one grouped table, not a subquery per enterprise: on Citus the accounts (for the
    // registration time) are spread over the workers, and Citus joins coordinator tables with them only so.
    return pool.query("with admitted as (select enterprise_id, array_agg(corridor_id order by corridor_id) as corridors "
        + "from corridor_enterprises group by enterprise_id) "
        + "select e.account_id as id, e.name as display_name, e.credit_code, a.created_at, coalesce(m.corridors, '{}') as corridors "
        + "from enterprises e join accounts a on a.id = e.account_id left join admitted m on m.enterprise_id = e.account_id "
        + "order by e.name, e.credit_code")
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
