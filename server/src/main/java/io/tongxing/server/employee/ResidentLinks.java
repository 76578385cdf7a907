package io.tongxing.server.employee;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * When an enterprise's listing of an employee is linked to a resident: only when the ID number (by
 * keyed hash) and the name both match the resident's registration, and the resident has not refused
 * that enterprise. The enterprise is never told which happened — a listing is answered the same
 * either way — so listing an ID number teaches it nothing it did not know; what the link does is let
 * the resident see the listing, refuse it, and hold a pass it applies for.
 */
public final class ResidentLinks {

  private ResidentLinks() {
  }

  /**
   * Whether two ways of writing a name name the same person as a clerk would read them: Unicode
   * compatibility forms folded (full-width letters), spaces of every kind ignored, the middle dots of
   * minority names (·, •, ・, ．) taken as one, letters compared without case.
   */
  public static boolean sameName(String registered, String listed) {
    return registered != null && listed != null && comparable(registered).equals(comparable(listed));
  }

  static String comparable(String name) {
    String folded = Normalizer.normalize(name, Normalizer.Form.NFKC);
    StringBuilder out = new StringBuilder(folded.length());
    folded.codePoints().forEach(c -> {
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        return;
      }
      out.appendCodePoint(c == '•' || c == '・' || c == '.' || c == '‧' ? '·' : c);
    });
    return out.toString().toLowerCase(Locale.ROOT);
  }

  /**
   * At registration, in its transaction: listings of the new resident's ID number under their name,
   * made before they registered, are linked now (a new account has refused nothing).
   */
  public static Future<Integer> linkNewResident(SqlClient tx, UUID account, byte[] idNumberHash, String name) {
    return tx.preparedQuery("select id, name from employees where id_number_hash = $1 and resident_id is null "
        + "and home_region is null and ended_at is null")
      .execute(Tuple.of(Buffer.buffer(idNumberHash)))
      .compose(rows -> linkNamed(tx, account, name, rows));
  }

  /** Links to {@code account} those of the unlinked listings ({@code id}, {@code name}) that name {@code registered}; how many. */
  static Future<Integer> linkNamed(SqlClient tx, UUID account, String registered, Iterable<Row> listings) {
    List<UUID> matching = new ArrayList<>();
    for (Row row : listings) {
      if (sameName(registered, row.getString("name"))) {
        matching.add(row.getUUID("id"));
      }
    }
    return matching.isEmpty() ? Future.succeededFuture(0)
      : tx.preparedQuery("update employees set resident_id = $1 where id = any($2) and resident_id is null")
        .execute(Tuple.of(account, (Object) matching.toArray(new UUID[0])))
        .map(updated -> updated.rowCount());
  }
}
