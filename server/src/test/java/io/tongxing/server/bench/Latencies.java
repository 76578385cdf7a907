package io.tongxing.server.bench;

import java.util.Arrays;

/** How long each request of a phase took: recorded as the answers come, read as percentiles once it is over. */
final class Latencies {

  private long[] nanos = new long[1024];
  private int count;
  private boolean sorted;

  /** One request, sent at {@code start} ({@link System#nanoTime()}), answered now. */
  void record(long start) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = System.nanoTime() - start;
    sorted = false;
  }

  /** The {@code p}th percentile in milliseconds; NaN when nothing was recorded. */
  double percentile(double p) {
    if (count == 0) {
      return Double.NaN;
    }
    if (!sorted) {
      Arrays.sort(nanos, 0, count);
      sorted = true;
    }
    return nanos[(int) Math.min(count - 1, Math.ceil(p / 100 * count) - 1)] / 1e6;
  }
}
