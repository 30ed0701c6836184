package org.convertalot.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/** A clock that only moves when a test moves it. Thread-safe. */
public final class MutableClock extends Clock {
  /** Where {@link #atEpochDay()} starts. */
  public static final Instant EPOCH_DAY = Instant.parse("2026-01-01T00:00:00Z");

  private volatile Instant now;

  /**
   * A clock standing at {@code start}.
   *
   * @param start the first instant it reads
   */
  public MutableClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  /** {@return a clock at {@link #EPOCH_DAY}} */
  public static MutableClock atEpochDay() {
    return new MutableClock(EPOCH_DAY);
  }

  /**
   * Moves the clock forward.
   *
   * @param d how far; not negative
   */
  public synchronized void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("a clock does not go back: " + d);
    }
    now = now.plus(d);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
