package io.tongxing.server.db;

import io.vertx.pgclient.PgException;

/**
 * The constraint a database error names, as the schema names it. One PostgreSQL reports the
 * violated constraint in a field of its own. Citus does not pass that field on from a worker (a
 * spread or reference table's row is checked there): only the message names the constraint, that
 * of the shard, the table's with the shard id appended ({@code check_ins_one_per_day_102040}), in
 * the worker's language. Names are never translated, so a known name is found in any language.
 */
public final class ConstraintNames {

  private ConstraintNames() {
  }

  /** The schema's name of the constraint {@code failure} names in its field; null when it names none there. */
  public static String of(PgException failure) {
    String name = failure.getConstraint();
    return name == null ? null : withoutShard(name);
  }

  /** Whether {@code failure} is a violation of the constraint (or unique index) {@code name}. */
  public static boolean violated(Throwable failure, String name) {
    if (!(failure instanceof PgException pg)) {
      return false;
    }
    return pg.getConstraint() != null ? name.equals(of(pg)) : mentions(pg.getErrorMessage(), name);
  }

  /** {@code name}, or a shard's {@code name_<shard id>}, as a whole identifier in {@code message}. */
  static boolean mentions(String message, String name) {
    if (message == null) {
      return false;
    }
    for (int at = message.indexOf(name); at >= 0; at = message.indexOf(name, at + 1)) {
      int end = at + name.length();
      if (at > 0 && identifier(message.charAt(at - 1))) {
        continue;
      }
      if (end < message.length() && message.charAt(end) == '_') {
        int digits = end + 1;
        while (digits < message.length() && message.charAt(digits) >= '0' && message.charAt(digits) <= '9') {
          digits++;
        }
        end = digits > end + 1 ? digits : end;
      }
      if (end == message.length() || !identifier(message.charAt(end))) {
        return true;
      }
    }
    return false;
  }

  private static String withoutShard(String name) {
    int cut = name.lastIndexOf('_');
    boolean shard = cut > 0 && cut < name.length() - 1 && name.substring(cut + 1).chars().allMatch(Character::isDigit);
    return shard ? name.substring(0, cut) : name;
  }

  /** A character of an unquoted SQL identifier as the schema writes them (ASCII). */
  private static boolean identifier(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
  }
}
