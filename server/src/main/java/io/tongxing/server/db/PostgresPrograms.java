package io.tongxing.server.db;

import io.zonky.test.db.postgres.util.LinuxUtils;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The PostgreSQL programs the embedded database is run with — initdb, pg_ctl and the single-user
 * backend — each a blocking call that fails with what the program said. PostgreSQL refuses to run as
 * root; where the server runs as root and Linux allows it, each program runs in a user namespace of
 * its own ({@code unshare -U}, as zonky's EmbeddedPostgres does), where it is not root.
 */
final class PostgresPrograms {

  private static final Duration SHORT = Duration.ofMinutes(2);
  /** pg_ctl hands the options to a shell: names plain, values single-quoted and without a quote of their own. */
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.]*");
  private static final Pattern VALUE = Pattern.compile("[^'\\p{Cntrl}]*");

  private PostgresPrograms() {
  }

  /** A new cluster whose only role, {@code postgres}, has the password in {@code passwordFile}; nothing trusted. */
  static void initdb(Path dataDir, Path passwordFile) throws IOException {
    run(List.of(PostgresBinaries.bin("initdb").toString(), "-D", dataDir.toString(), "-U", "postgres", "-E", "UTF-8",
      "-A", "scram-sha-256", "--pwfile=" + passwordFile), null, SHORT);
  }

  /**
   * Starts the postmaster in the background and waits until it accepts connections. It listens on
   * {@code localhost:port} only, without a Unix socket, and logs to {@code postmaster.log} in the data
   * directory.
   */
  static void start(Path dataDir, int port, Map<String, String> settings, Duration wait) throws IOException {
    StringBuilder options = new StringBuilder("-p ").append(port)
      .append(" -c listen_addresses=localhost -c unix_socket_directories=''");
    settings.forEach((name, value) -> {
      if (!NAME.matcher(name).matches() || !VALUE.matcher(value).matches()) {
        throw new IllegalArgumentException("PostgreSQL setting not accepted: " + name);
      }
      options.append(" -c ").append(name).append("='").append(value).append('\'');
    });
    run(List.of(PostgresBinaries.bin("pg_ctl").toString(), "-D", dataDir.toString(), "-l",
      dataDir.resolve("postmaster.log").toString(), "-w", "-t", Long.toString(wait.toSeconds()), "-o", options.toString(),
      "start"), null, wait.plus(SHORT));
  }

  /** Stops the postmaster of {@code dataDir}: {@code fast} rolls open transactions back and checkpoints. */
  static void stop(Path dataDir, String mode, Duration wait) throws IOException {
    run(List.of(PostgresBinaries.bin("pg_ctl").toString(), "-D", dataDir.toString(), "stop", "-m", mode, "-w",
      "-t", Long.toString(wait.toSeconds())), null, wait.plus(SHORT));
  }

  /**
   * Runs SQL in the single-user backend (no postmaster running, no connection, so nothing to
   * authenticate). {@code secret}, if the SQL holds one, never appears in an error message.
   */
  static void singleUser(Path dataDir, String sql, String secret) throws IOException {
    try {
      run(List.of(PostgresBinaries.bin("postgres").toString(), "--single", "-D", dataDir.toString(), "postgres"), sql, SHORT);
    } catch (IOException e) {
      throw new IOException(e.getMessage().replace(secret, "<password>"));
    }
  }

  private static String run(List<String> command, String input, Duration timeout) throws IOException {
    List<String> line = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) {
      line.addAll(List.of("unshare", "-U"));
    }
    line.addAll(command);
    Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> copy(process.getInputStream(), output), "postgres-output");
    reader.setDaemon(true);
    reader.start();
    try (OutputStream stdin = process.getOutputStream()) {
      if (input != null) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException(name(command) + " did not finish within " + timeout.toSeconds() + " s");
      }
      reader.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(name(command) + " interrupted", e);
    }
    String said;
    synchronized (output) {
      said = output.toString(StandardCharsets.UTF_8).strip();
    }
    if (process.exitValue() != 0) {
      throw new IOException(name(command) + " failed (exit " + process.exitValue() + "): " + said);
    }
    return said;
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    byte[] buffer = new byte[8192];
    try (in) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        synchronized (out) {
          out.write(buffer, 0, read);
        }
      }
    } catch (IOException ended) {
      // the process is gone
    }
  }

  private static String name(List<String> command) {
    String program = Path.of(command.get(0)).getFileName().toString();
    return command.size() > 1 && command.contains("stop") ? program + " stop"
      : command.contains("start") ? program + " start" : program;
  }
}
