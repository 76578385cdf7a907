package io.tongxing.server.bench;

import io.vertx.pgclient.PgConnectOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The references: pgbench's single-row insert rate (a 350-byte row, one transaction each, 8 clients,
 * 2 threads) on the same PostgreSQL the server uses, as performance.md measures it; and COPY.
 */
final class Pgbench {

  private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
  private static final Pattern TRANSACTIONS = Pattern.compile("number of transactions actually processed: ([0-9]+)");
  /** The last line of bash's {@code times}: its children's user and system time. */
  static final Pattern TIMES = Pattern.compile("([0-9]+)m([0-9.]+)s ([0-9]+)m([0-9.]+)s\\s*$");

  private Pgbench() {
  }

  static double insertRate(PgConnectOptions db, int seconds) throws IOException, InterruptedException {
    run(db, List.of("psql", "-q", "-c", "drop table if exists bench_insert; "
      + "create table bench_insert (id bigserial primary key, payload text not null)"));
    double tps = rate(db, "insert into bench_insert (payload) values (repeat('x', 350));\n", seconds, "simple");
    run(db, List.of("psql", "-q", "-c", "drop table bench_insert"));
    return tps;
  }

  /**
   * Primary-key selects of one row of 10,000 (8 clients, prepared): on a table {@code placement}
   * prepares after it is created (on Citus: {@code select create_distributed_table('bench_select', 'id')},
   * or nothing for a table on the coordinator), so that a routed statement and a local one compare.
   */
  static double selectRate(PgConnectOptions db, String placement, int seconds) throws IOException, InterruptedException {
    run(db, List.of("psql", "-q", "-v", "ON_ERROR_STOP=1", "-c", "drop table if exists bench_select", "-c",
      "create table bench_select (id integer primary key, payload text not null)", "-c", placement, "-c",
      "insert into bench_select select i, repeat('x', 100) from generate_series(1, 10000) i"));
    double tps = rate(db, "\\set id random(1, 10000)\nselect payload from bench_select where id = :id;\n", seconds, "prepared");
    run(db, List.of("psql", "-q", "-c", "drop table bench_select"));
    return tps;
  }

  /** Runs each of {@code commands} through psql, each in a transaction of its own. */
  static void psql(PgConnectOptions db, String... commands) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("psql", "-q", "-v", "ON_ERROR_STOP=1"));
    for (String sql : commands) {
      command.add("-c");
      command.add(sql);
    }
    run(db, command);
  }

  /** pgbench's rate for {@code script}, 8 clients, 2 threads, with the query {@code mode} (simple or prepared). */
  private static double rate(PgConnectOptions db, String script, int seconds, String mode) throws IOException, InterruptedException {
    Path file = Files.createTempFile("bench", ".sql");
    Files.writeString(file, script);
    String output = run(db, List.of("pgbench", "-n", "-M", mode, "-f", file.toString(), "-c", "8", "-j", "2", "-T",
      Integer.toString(seconds)));
    Files.delete(file);
    Matcher matcher = TPS.matcher(output);
    if (!matcher.find()) {
      throw new IOException("no tps in pgbench output:\n" + output);
    }
    return Double.parseDouble(matcher.group(1));
  }

  /** pgbench's tables at {@code scale} (100,000 accounts a unit) in the same database, for {@link #selectOnly}. */
  static void initialize(PgConnectOptions db, int scale) throws IOException, InterruptedException {
    run(db, List.of("pgbench", "-i", "-q", "-s", Integer.toString(scale)));
  }

  /** A rate and the CPU the client spent for it. */
  record Timed(double tps, long transactions, long clientCpuNanos) {
  }

  /**
   * pgbench's primary-key select ({@code -S}) with {@code clients} connections on one thread, as the
   * issue measured it; the client's CPU comes from the shell that ran it ({@code times}).
   */
  static Timed selectOnly(PgConnectOptions db, int clients, int seconds) throws IOException, InterruptedException {
    return timed(db, "pgbench -n -S -c " + clients + " -j 1 -T " + seconds);
  }

  /** A custom script with prepared statements, {@code clients} connections on two threads. */
  static Timed script(PgConnectOptions db, Path script, int clients, int seconds) throws IOException, InterruptedException {
    return timed(db, "pgbench -n -M prepared -f " + script + " -c " + clients + " -j 2 -T " + seconds);
  }

  /** A query's single value, as psql prints it unaligned. */
  static String value(PgConnectOptions db, String sql) throws IOException, InterruptedException {
    return run(db, List.of("psql", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql)).strip();
  }

  private static Timed timed(PgConnectOptions db, String pgbench) throws IOException, InterruptedException {
    String output = run(db, List.of("bash", "-c", pgbench + " && times"));
    Matcher tps = TPS.matcher(output);
    Matcher count = TRANSACTIONS.matcher(output);
    Matcher times = TIMES.matcher(output.strip());
    if (!tps.find() || !count.find() || !times.find()) {
      throw new IOException("unexpected pgbench output:\n" + output);
    }
    return new Timed(Double.parseDouble(tps.group(1)), Long.parseLong(count.group(1)), shellTimes(times));
  }

  /** The children's user and system time of bash's {@code times} ("0m1.234s 0m0.567s"), in nanoseconds. */
  static long shellTimes(Matcher times) {
    return (long) ((Long.parseLong(times.group(1)) * 60 + Double.parseDouble(times.group(2))
      + Long.parseLong(times.group(3)) * 60 + Double.parseDouble(times.group(4))) * 1e9);
  }

  /**
   * PostgreSQL's own bulk load: {@code rows} rows of the CSV file (name, idNumber, homeRegion) copied
   * with psql's {@code \copy} into a table with the same uniqueness check as employees; rows a second.
   */
  static double copyRate(PgConnectOptions db, Path csv, int rows) throws IOException, InterruptedException {
    run(db, List.of("psql", "-q", "-c", "drop table if exists bench_copy; create table bench_copy (id bigserial primary key, "
      + "name text not null, id_number text not null unique, home_region text)"));
    long begin = System.nanoTime();
    run(db, List.of("psql", "-q", "-v", "ON_ERROR_STOP=1", "-c",
      "\\copy bench_copy (name, id_number, home_region) from '" + csv + "' with (format csv, header true)"));
    double seconds = (System.nanoTime() - begin) / 1e9;
    run(db, List.of("psql", "-q", "-c", "drop table bench_copy"));
    return rows / seconds;
  }

  private static String run(PgConnectOptions db, List<String> command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PGHOST", db.getHost());
    builder.environment().put("PGPORT", Integer.toString(db.getPort()));
    builder.environment().put("PGUSER", db.getUser());
    builder.environment().put("PGDATABASE", db.getDatabase());
    if (db.getPassword() != null) {
      builder.environment().put("PGPASSWORD", db.getPassword());
    }
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed:\n" + output);
    }
    return output;
  }
}
