package io.tongxing.server.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongConsumer;

/**
 * At most {@code lines} log lines a minute for one kind of event an anonymous client can cause at
 * will, so that sending it in a loop cannot flood the log. Each line that is written says how many
 * were left out since the one before it.
 */
public final class LogBudget {

  private static final Duration WINDOW = Duration.ofMinutes(1);

  private final Clock clock;
  private final int lines;
  private Instant windowStart;
  private int written;
  private long suppressed;

  public LogBudget(Clock clock, int lines) {
    this.clock = clock;
    this.lines = lines;
  }

  /** Writes the line ({@code line} gets the number left out before it) if the budget allows, else counts it. */
  public void spend(LongConsumer line) {
    long before;
    synchronized (this) {
      Instant now = clock.instant();
      if (windowStart == null || !now.isBefore(windowStart.plus(WINDOW))) {
        windowStart = now;
        written = 0;
      }
      if (written >= lines) {
        suppressed++;
        return;
      }
      written++;
      before = suppressed;
      suppressed = 0;
    }
    line.accept(before);
  }
}
