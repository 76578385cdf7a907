package io.tongxing.server.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of a process tree from {@code /proc}: the process's own, what its children that have
 * exited spent (the kernel adds a reaped child's time to its parent), and its live descendants'.
 * PostgreSQL's backends come and go with their connections (pgbench's 32 end with it); counting only
 * the live ones would lose them.
 */
final class ProcessCpu {

  /** Linux's USER_HZ: {@code /proc} counts in ticks of 10 ms everywhere this runs. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private ProcessCpu() {
  }

  /** Nanoseconds of CPU of {@code pid}, its reaped children and its live descendants; 0 once it is gone. */
  static long tree(long pid) {
    long total = stat(pid, true);
    for (ProcessHandle child : ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(java.util.List.of())) {
      total += stat(child.pid(), false);
    }
    return total;
  }

  /**
   * Waits (at most five seconds) until {@code pid} has no more than {@code children} live descendants
   * again: the backends of a client that just disconnected exit a moment later, and their time counts
   * only once PostgreSQL has reaped them.
   */
  static void settle(long pid, long children) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline
      && ProcessHandle.of(pid).map(p -> p.descendants().count()).orElse(0L) > children) {
      Thread.sleep(20);
    }
  }

  /** Live descendants of {@code pid}. */
  static long descendants(long pid) {
    return ProcessHandle.of(pid).map(p -> p.descendants().count()).orElse(0L);
  }

  /** Nanoseconds of CPU of {@code pid} alone (a JVM: all its threads). */
  static long own(long pid) {
    return stat(pid, false);
  }

  private static long stat(long pid, boolean withReapedChildren) {
    String stat;
    try {
      stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    } catch (IOException e) {
      return 0;
    }
    // The command name (field 2) may hold spaces; the fields that follow come after its ')'.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // Fields 14-17 of the man page (utime, stime, cutime, cstime) are 11-14 here, counting from field 3.
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    if (withReapedChildren) {
      ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }
    return ticks * NANOS_PER_TICK;
  }
}
