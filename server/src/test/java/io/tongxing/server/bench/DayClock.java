package io.tongxing.server.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real time, plus whole days the benchmark adds: a resident checks in once a day, so to check a few
 * thousand residents in again and again the benchmark moves the server's calendar on a day at a time.
 */
final class DayClock extends Clock {

  private final AtomicLong daysAhead = new AtomicLong();

  void nextDay() {
    daysAhead.incrementAndGet();
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(Duration.ofDays(daysAhead.get()));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }
}
