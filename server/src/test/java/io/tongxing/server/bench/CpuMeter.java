package io.tongxing.server.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time spent by the server's JVM, by the load generator's event loop inside it, and by the
 * PostgreSQL processes: CPU per check-in stays meaningful on a machine other work keeps busy, where
 * a rate does not.
 */
final class CpuMeter {

  private final List<Long> postmasters = new ArrayList<>();
  private final long loadGeneratorThread;

  /** A meter for the cluster in {@code dataDir} and the load generator running on {@code thread}. */
  CpuMeter(Path dataDir, Thread thread) throws IOException {
    this(List.of(dataDir), thread);
  }

  /** A meter for the PostgreSQL servers in {@code dataDirs} (a Citus coordinator and its workers) together. */
  CpuMeter(List<Path> dataDirs, Thread thread) throws IOException {
    for (Path dataDir : dataDirs) {
      postmasters.add(postmaster(dataDir));
    }
    this.loadGeneratorThread = thread.getId();
  }

  static long postmaster(Path dataDir) throws IOException {
    return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
  }

  /**
   * Cumulative CPU nanoseconds of the PostgreSQL server whose postmaster is {@code pid}, with all its
   * processes, those that have exited too.
   */
  static long postgres(long pid) {
    return ProcessCpu.tree(pid);
  }

  /** PostgreSQL's live processes now (postmasters not counted), for {@link #settle}. */
  long processes() {
    return postmasters.stream().mapToLong(ProcessCpu::descendants).sum();
  }

  /**
   * Waits (at most five seconds) until PostgreSQL has no more than {@code processes} live processes
   * again, so that the backends of clients that just left have been reaped and their CPU counted.
   */
  void settle(long processes) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (processes() > processes && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  Sample sample() {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long loadGenerator = threads.getThreadCpuTime(loadGeneratorThread);
    long eventLoops = 0;
    long workers = 0;
    for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null || info.getThreadId() == loadGeneratorThread) {
        continue;
      }
      long time = Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      if (info.getThreadName().startsWith("vert.x-eventloop")) {
        eventLoops += time;
      } else if (info.getThreadName().startsWith("vert.x-worker")) {
        workers += time;
      }
    }
    long postgres = postmasters.stream().mapToLong(CpuMeter::postgres).sum();
    return new Sample(os.getProcessCpuTime() - loadGenerator, eventLoops, workers, loadGenerator, postgres);
  }

  /** Cumulative CPU nanoseconds. */
  record Sample(long server, long eventLoops, long workers, long loadGenerator, long postgres) {
    /**
     * "server 0.52 ms (event loops 0.30, workers 0.10, JIT, GC and the rest 0.12), load generator
     * 0.10 ms, PostgreSQL 0.31 ms" per unit of work since {@code earlier}.
     */
    String perUnit(Sample earlier, long units) {
      double n = Math.max(1, units) * 1e6;
      double serverMs = (server - earlier.server) / n;
      double eventLoopMs = (eventLoops - earlier.eventLoops) / n;
      double workerMs = (workers - earlier.workers) / n;
      return String.format("server %.2f ms (event loops %.2f, workers %.2f, JIT, GC and the rest %.2f), load generator %.2f ms,"
          + " PostgreSQL %.2f ms", serverMs, eventLoopMs, workerMs, serverMs - eventLoopMs - workerMs,
        (loadGenerator - earlier.loadGenerator) / n, (postgres - earlier.postgres) / n);
    }
  }
}
