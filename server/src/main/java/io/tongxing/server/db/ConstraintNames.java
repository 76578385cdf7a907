package io.tongxing.server.db;

import io.vertx.pgclient.PgException;

/**
 * The constraint a database error names, as the schema names it. Citus reports the violated
 * constraint of a shard, whose name is the table's constraint with the shard id appended
 * ({@code check_ins_one_per_day_102040}); one PostgreSQL reports the name itself.
 */
public final class ConstraintNames {

  private ConstraintNames() {
  }

  /** The schema's name of the constraint {@code failure} violated; null when it names none. */
  public static String of(PgException failure) {
    String name = failure.getConstraint();
    if (name == null) {
      return null;
    }
    int cut = name.lastIndexOf('_');
    boolean shard = cut > 0 && cut < name.length() - 1 && name.substring(cut + 1).chars().allMatch(Character::isDigit);
    return shard ? name.substring(0, cut) : name;
  }

  /** Whether {@code failure} is a violation of the constraint (or unique index) {@code name}. */
  public static boolean violated(Throwable failure, String name) {
    return failure instanceof PgException && name.equals(of((PgException) failure));
  }
}
