package io.tongxing.server.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a server killed hard leaves in its data directory: the postmaster it started runs on (pg_ctl
 * detaches it; its parent becomes init), holding {@code postmaster.pid}, so a new one cannot start.
 * Called while the caller holds the data directory's lock — so no live server owns whatever runs
 * there — it stops that postmaster as an operator would: a fast shutdown (open transactions roll
 * back, everything committed stays, a checkpoint), an immediate one (crash recovery at the next start)
 * only if that does not finish.
 *
 * <p>Processes are told apart by their working directory: a postmaster and its backends work in
 * their data directory. A {@code postmaster.pid} whose process is gone, or now another program, is
 * stale and removed — unless something still works in the directory without its postmaster (old
 * backends), which PostgreSQL must not be started beside: then the start is refused.
 */
final class LeftoverPostmaster {

  private static final Logger LOG = LoggerFactory.getLogger(LeftoverPostmaster.class);
  static final Duration FAST_SHUTDOWN = Duration.ofSeconds(30);
  /** Backends, or a postmaster that has just removed its pid file, may take a moment to end. */
  private static final Duration STRAGGLERS = Duration.ofSeconds(10);

  private LeftoverPostmaster() {
  }

  /** Leaves {@code dataDir} without a postmaster or a stale pid file; true if it had to stop one. */
  static boolean clear(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    Optional<Long> pid = pidOf(pidFile);
    if (pid.isEmpty()) {
      return false;
    }
    List<Long> working = workingIn(dataDir);
    if (working.contains(pid.get())) {
      LOG.warn("PostgreSQL (PID {}) is still running in {}, left by a server that ended without stopping it "
        + "(killed?); stopping it (fast shutdown) before starting anew", pid.get(), dataDir);
      try {
        PostgresPrograms.stop(dataDir, "fast", FAST_SHUTDOWN);
      } catch (IOException slow) {
        LOG.warn("fast shutdown of PID {} did not finish ({}); immediate shutdown: the next start recovers from the WAL",
          pid.get(), slow.getMessage());
        PostgresPrograms.stop(dataDir, "immediate", FAST_SHUTDOWN);
      }
      return true;
    }
    if (ProcessHandle.of(pid.get()).filter(LeftoverPostmaster::isPostgres).isPresent() && Files.isDirectory(Path.of("/proc"))
      && !Files.isReadable(Path.of("/proc", pid.get().toString(), "cwd"))) {
      // A PostgreSQL whose directory cannot be read might be this one's postmaster: never start beside it.
      throw new IOException("cannot tell whether PostgreSQL PID " + pid.get() + " runs " + dataDir + "; stop it, or remove "
        + pidFile + " if it does not");
    }
    if (!working.isEmpty() && !endedWithin(working, STRAGGLERS)) {
      throw new IOException("processes " + working + " still work in " + dataDir + " without their postmaster (PID "
        + pid.get() + "); stop them before starting the server");
    }
    LOG.warn("removing a stale {} (PID {} is not a PostgreSQL of this directory)", pidFile, pid.get());
    Files.deleteIfExists(pidFile);
    return false;
  }

  private static Optional<Long> pidOf(Path pidFile) throws IOException {
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile);
    try {
      return lines.isEmpty() ? Optional.of(-1L) : Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (NumberFormatException garbled) {
      return Optional.of(-1L);
    }
  }

  /**
   * The PostgreSQL processes whose working directory is {@code dataDir}, from {@code /proc}. Where
   * there is no {@code /proc}, a live PostgreSQL with the pid file's PID stands for the postmaster.
   */
  private static List<Long> workingIn(Path dataDir) throws IOException {
    Path proc = Path.of("/proc");
    Path real = dataDir.toRealPath();
    List<Long> found = new ArrayList<>();
    if (!Files.isDirectory(proc.resolve("self"))) {
      pidOf(dataDir.resolve("postmaster.pid")).flatMap(ProcessHandle::of).filter(LeftoverPostmaster::isPostgres)
        .ifPresent(p -> found.add(p.pid()));
      return found;
    }
    try (Stream<Path> entries = Files.list(proc)) {
      for (Path entry : entries.toList()) {
        String name = entry.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          long pid = Long.parseLong(name);
          if (Files.readSymbolicLink(entry.resolve("cwd")).equals(real)
            && ProcessHandle.of(pid).filter(LeftoverPostmaster::isPostgres).isPresent()) {
            found.add(pid);
          }
        } catch (IOException | SecurityException notOursOrGone) {
          // another user's process, or one that ended meanwhile
        }
      }
    }
    return found;
  }

  private static boolean isPostgres(ProcessHandle process) {
    return isRunning(process.pid()) && process.info().command()
      .map(command -> Path.of(command).getFileName().toString().startsWith("postgres")).orElse(false);
  }

  /**
   * Whether the process runs: alive and not a zombie. A postmaster that pg_ctl detached is reaped by
   * init, and where init does not reap (some containers), an ended one stays a zombie indefinitely.
   */
  static boolean isRunning(long pid) {
    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
      } catch (IOException | RuntimeException noProc) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      }
    }
    return false;
  }

  private static boolean endedWithin(List<Long> pids, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (pids.stream().anyMatch(LeftoverPostmaster::isRunning)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
