package io.tongxing.server.db;

import io.tongxing.server.db.CitusLayout.Kind;
import io.tongxing.server.db.CitusLayout.Placement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Citus step of the schema: after the Flyway migrations, places every table that is not placed
 * yet as {@code db/citus/layout.txt} says, in one transaction that other starting nodes wait for.
 * On the way it changes what Citus needs changed: primary keys and the listed unique constraints
 * get the spreading column added, foreign keys Citus cannot keep are dropped, and those between
 * co-located tables get the spreading column on both sides. Run on every start; a schema already
 * placed is left alone, so a table a later migration creates is placed at the next start.
 */
public final class CitusStep {

  private static final Logger LOG = LoggerFactory.getLogger(CitusStep.class);
  /** Serializes nodes starting together (Flyway's own lock is released by now). */
  private static final long LOCK = 0x7475_6369_7473L;

  private final CitusLayout layout;
  private final Connection connection;

  private CitusStep(CitusLayout layout, Connection connection) {
    this.layout = layout;
    this.connection = connection;
  }

  /** Places every table not placed yet; returns how many it placed. */
  public static int apply(Connection connection, CitusLayout layout) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      int placed = new CitusStep(layout, connection).run();
      connection.commit();
      return placed;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private int run() throws SQLException {
    execute("select pg_advisory_xact_lock(" + LOCK + ")");
    // Foreign keys to reference tables are checked on each worker: Citus wants one connection per worker for that.
    execute("set local citus.multi_shard_modify_mode to 'sequential'");
    List<String> problems = layout.problems(strings("select tablename from pg_tables where schemaname = 'public' "
      + "and tablename <> 'flyway_schema_history'"));
    if (!problems.isEmpty()) {
      throw new IllegalStateException("the Citus layout does not match the schema: " + String.join("; ", problems));
    }
    // Citus knows the tables it placed; the plain ones the step remembers in a schema of its own.
    execute("create schema if not exists citus_step");
    execute("create table if not exists citus_step.plain_tables (table_name text primary key)");
    Set<String> placed = new LinkedHashSet<>(strings("select logicalrelid::regclass::text from pg_dist_partition "
      + "union all select table_name from citus_step.plain_tables"));
    List<Placement> pending = layout.placements().stream().filter(p -> !placed.contains(p.table()))
      .sorted(Comparator.comparingInt(CitusStep::order)).toList();
    if (pending.isEmpty()) {
      return 0;
    }
    List<ForeignKey> foreignKeys = foreignKeys(pending);
    for (ForeignKey key : foreignKeys) {
      execute("alter table " + key.table + " drop constraint " + key.name);
    }
    for (Placement placement : pending) {
      if (placement.kind().spread()) {
        widenUniqueness(placement);
      }
      place(placement);
    }
    for (ForeignKey key : foreignKeys) {
      restore(key);
    }
    LOG.info("Citus: placed {} tables ({})", pending.size(), String.join(", ", pending.stream().map(Placement::table).toList()));
    return pending.size();
  }

  /** Reference tables first (others may refer to them), then each group's anchor before its members. */
  private static int order(Placement placement) {
    return switch (placement.kind()) {
      case REFERENCE -> 0;
      case ACCOUNT, DEVICE -> placement.table().equals(placement.kind().anchor()) ? 1 : 2;
      case LOOKUP -> 3;
      case COORDINATOR, PLAIN -> 4;
    };
  }

  private void place(Placement placement) throws SQLException {
    String table = placement.table();
    switch (placement.kind()) {
      case REFERENCE -> execute("select create_reference_table('" + table + "')");
      case COORDINATOR -> execute("select citus_add_local_table_to_metadata('" + table + "')");
      case PLAIN -> {
        execute("insert into citus_step.plain_tables values ('" + table + "')");
        return;
      }
      default -> {
        String anchor = placement.kind().anchor();
        String colocation = anchor == null || anchor.equals(table) ? "none" : anchor;
        execute("select create_distributed_table('" + table + "', '" + placement.column() + "', colocate_with => '"
          + colocation + "')");
      }
    }
    if (placement.kind() != Kind.COORDINATOR) {
      // The rows were copied to the shards; the coordinator's own copy is no longer read.
      execute("select truncate_local_data_after_distributing_table('" + table + "')");
    }
  }

  /**
   * Citus checks uniqueness per shard, so each unique key must hold the spreading column. Primary keys
   * get it added (here they are generated ids); unique constraints and indexes only when the layout
   * lists them, because their uniqueness must then be kept elsewhere.
   */
  private void widenUniqueness(Placement placement) throws SQLException {
    String column = placement.column();
    try (PreparedStatement query = connection.prepareStatement("select i.indexrelid::regclass::text, c.conname, c.contype, "
      + "pg_get_indexdef(i.indexrelid), array(select a.attname from unnest(i.indkey) k join pg_attribute a "
      + "on a.attrelid = i.indrelid and a.attnum = k) from pg_index i left join pg_constraint c on c.conindid = i.indexrelid "
      + "and c.conrelid = i.indrelid where i.indrelid = ?::regclass and i.indisunique")) {
      query.setString(1, placement.table());
      List<String[]> keys = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          String[] columns = (String[]) rows.getArray(5).getArray();
          if (!List.of(columns).contains(column)) {
            keys.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)});
          }
        }
      }
      for (String[] key : keys) {
        widen(placement, key[0], key[1], key[2], key[3]);
      }
    }
  }

  private void widen(Placement placement, String index, String constraint, String type, String definition) throws SQLException {
    String table = placement.table();
    String name = constraint != null ? constraint : index;
    if (!"p".equals(type) && !placement.widened().contains(name)) {
      throw new IllegalStateException("unique key " + name + " of " + table + " does not hold " + placement.column()
        + ", and Citus can check it only per shard: keep the uniqueness elsewhere (a lookup table) and list " + name
        + " on the line of " + table + " in " + CitusLayout.RESOURCE);
    }
    String widened = withColumn(definition, placement.column());
    if (constraint != null) {
      execute("alter table " + table + " drop constraint " + constraint);
      String columns = widened.substring(widened.indexOf('(', widened.indexOf(" USING ")));
      execute("alter table " + table + " add constraint " + constraint + ("p".equals(type) ? " primary key " : " unique ") + columns);
    } else {
      execute("drop index " + index);
      execute(widened);
    }
    LOG.info("Citus: {} of {} now holds {}", name, table, placement.column());
  }

  /** An index definition with {@code column} added to the end of its key columns. */
  static String withColumn(String definition, String column) {
    int open = definition.indexOf('(', definition.indexOf(" USING "));
    int depth = 0;
    for (int i = open; i < definition.length(); i++) {
      char c = definition.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return definition.substring(0, i) + ", " + column + definition.substring(i);
      }
    }
    throw new IllegalArgumentException("not an index definition: " + definition);
  }

  /** Every foreign key from or to a table about to be placed. */
  private List<ForeignKey> foreignKeys(List<Placement> pending) throws SQLException {
    List<ForeignKey> keys = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement("select conrelid::regclass::text, conname, "
      + "confrelid::regclass::text, array(select a.attname from unnest(conkey) with ordinality k(n, o) join pg_attribute a "
      + "on a.attrelid = conrelid and a.attnum = k.n order by k.o), array(select a.attname from unnest(confkey) with "
      + "ordinality k(n, o) join pg_attribute a on a.attrelid = confrelid and a.attnum = k.n order by k.o) "
      + "from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace "
      + "and (conrelid::regclass::text = any(?) or confrelid::regclass::text = any(?))")) {
      String[] tables = pending.stream().map(Placement::table).toArray(String[]::new);
      query.setArray(1, connection.createArrayOf("text", tables));
      query.setArray(2, connection.createArrayOf("text", tables));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          keys.add(new ForeignKey(rows.getString(1), rows.getString(2), rows.getString(3),
            List.of((String[]) rows.getArray(4).getArray()), List.of((String[]) rows.getArray(5).getArray())));
        }
      }
    }
    return keys;
  }

  /** Adds a dropped foreign key back if Citus can keep it (co-located keys with the spreading column). */
  private void restore(ForeignKey key) throws SQLException {
    Placement from = layout.of(key.table);
    Placement to = layout.of(key.referenced);
    List<String> columns = new ArrayList<>(key.columns);
    List<String> referenced = new ArrayList<>(key.referencedColumns);
    boolean kept;
    if (to.kind() == Kind.REFERENCE) {
      kept = true;
    } else if (from.kind() == Kind.COORDINATOR || from.kind() == Kind.PLAIN) {
      kept = to.kind() == from.kind();
    } else if (from.kind() == to.kind() && from.kind().anchor() != null) {
      int at = referenced.indexOf(to.column());
      if (at >= 0) {
        // It names the other row's account (or device) itself: kept only if that is this row's own.
        kept = columns.get(at).equals(from.column());
      } else {
        // A row of the same resident (or device), by an id of its own: the spreading column joins the key.
        kept = true;
        columns.add(from.column());
        referenced.add(to.column());
      }
    } else {
      kept = false;
    }
    if (!kept) {
      LOG.info("Citus: foreign key {} of {} to {} dropped: Citus cannot check it across shards", key.name, key.table,
        key.referenced);
      return;
    }
    execute("alter table " + key.table + " add constraint " + key.name + " foreign key (" + String.join(", ", columns)
      + ") references " + key.referenced + " (" + String.join(", ", referenced) + ")");
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private List<String> strings(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  private record ForeignKey(String table, String name, String referenced, List<String> columns, List<String> referencedColumns) {
  }
}
