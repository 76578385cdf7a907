package io.tongxing.server.bench;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What PostgreSQL did since the last look: checkpoints, autovacuum and autoanalyze runs per table,
 * and the statements that took most of its time with their mean — to tell which part of the
 * database a latency drift in a long benchmark comes from. Statements need {@code pg_stat_statements}
 * preloaded ({@link BenchRegion#database}, {@code -Dbench.pgActivity=true}).
 */
final class PostgresActivity {

  private final Pool pool;
  private Map<String, double[]> statements = new HashMap<>();
  private Map<String, long[]> tables = new HashMap<>();
  private long[] checkpoints = new long[4];

  PostgresActivity(Pool pool) {
    this.pool = pool;
    pool.query("create extension if not exists pg_stat_statements").execute().await();
    sample(false);
  }

  /** Prints what happened since the previous call. */
  void print() {
    sample(true);
  }

  private void sample(boolean print) {
    Row checkpointer = pool.query("select num_timed, num_requested, buffers_written, (write_time + sync_time)::bigint"
      + " from pg_stat_checkpointer").execute().await().iterator().next();
    long[] nowCheckpoints = {checkpointer.getLong(0), checkpointer.getLong(1), checkpointer.getLong(2), checkpointer.getLong(3)};
    Map<String, long[]> nowTables = new HashMap<>();
    for (Row row : pool.query("select relname, autovacuum_count, autoanalyze_count, n_live_tup from pg_stat_user_tables")
      .execute().await()) {
      nowTables.put(row.getString(0), new long[] {row.getLong(1), row.getLong(2), row.getLong(3)});
    }
    Map<String, double[]> nowStatements = new HashMap<>();
    for (Row row : pool.query("select left(regexp_replace(query, '\\s+', ' ', 'g'), 90), sum(calls), sum(total_exec_time)"
      + " from pg_stat_statements group by 1").execute().await()) {
      nowStatements.put(row.getString(0), new double[] {row.getLong(1), row.getDouble(2)});
    }
    if (print) {
      System.out.printf("        pg: checkpoints %d timed + %d requested, %,d buffers written in %,d ms%n",
        nowCheckpoints[0] - checkpoints[0], nowCheckpoints[1] - checkpoints[1], nowCheckpoints[2] - checkpoints[2],
        nowCheckpoints[3] - checkpoints[3]);
      List<String> vacuumed = new ArrayList<>();
      nowTables.forEach((table, now) -> {
        long[] before = tables.getOrDefault(table, new long[3]);
        if (now[0] > before[0] || now[1] > before[1]) {
          vacuumed.add(table + " (" + (now[0] - before[0]) + "v/" + (now[1] - before[1]) + "a, " + now[2] + " rows)");
        }
      });
      System.out.println("        pg: autovacuum/analyze " + (vacuumed.isEmpty() ? "none" : String.join(", ", vacuumed)));
      nowStatements.entrySet().stream()
        .map(e -> {
          double[] before = statements.getOrDefault(e.getKey(), new double[2]);
          return Map.entry(e.getKey(), new double[] {e.getValue()[0] - before[0], e.getValue()[1] - before[1]});
        })
        .filter(e -> e.getValue()[0] > 0)
        .sorted((a, b) -> Double.compare(b.getValue()[1], a.getValue()[1]))
        .limit(8)
        .forEach(e -> System.out.printf("        pg: %8.0f ms %8.0f calls %7.3f ms/call  %s%n", e.getValue()[1], e.getValue()[0],
          e.getValue()[1] / e.getValue()[0], e.getKey()));
    }
    checkpoints = nowCheckpoints;
    tables = nowTables;
    statements = nowStatements;
  }
}
