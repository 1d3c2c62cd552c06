package dev.pdkit.testkit.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The fake's clock: a base clock plus an offset that only grows. With a fixed base (the default)
 * time stands still until advanced, so tests are deterministic; with a ticking base (standalone)
 * time flows and advancing jumps ahead.
 */
public final class VirtualClock extends Clock {
  private final Clock base;
  private volatile Duration offset = Duration.ZERO;

  public VirtualClock(Clock base) {
    this.base = base;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.offset(this, Duration.ZERO).withZone(zone);
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset);
  }

  void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("the virtual clock cannot go back");
    }
    offset = offset.plus(d);
  }

  /** Moves forward so that {@link #instant()} is at least {@code t}. */
  void advanceTo(Instant t) {
    Duration d = Duration.between(instant(), t);
    if (!d.isNegative()) {
      advance(d);
    }
  }
}
