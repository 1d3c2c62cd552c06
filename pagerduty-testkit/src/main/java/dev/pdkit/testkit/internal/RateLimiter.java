package dev.pdkit.testkit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** Sliding-window (60 s, virtual clock) request counter per bucket. Used under the fake's lock. */
final class RateLimiter {
  static final Duration WINDOW = Duration.ofSeconds(60);

  /** Outcome: allowed or not, with the header values. */
  record Decision(boolean allowed, int limit, int remaining, long resetSeconds) {}

  private final Map<String, Deque<Instant>> windows = new HashMap<>();

  Decision acquire(String bucket, int limit, Instant now) {
    Deque<Instant> w = windows.computeIfAbsent(bucket, k -> new ArrayDeque<>());
    Instant cutoff = now.minus(WINDOW);
    while (!w.isEmpty() && !w.peekFirst().isAfter(cutoff)) {
      w.pollFirst();
    }
    if (w.size() >= limit) {
      long reset = Math.max(1, (long) Math.ceil(
          Duration.between(now, w.peekFirst().plus(WINDOW)).toMillis() / 1000.0));
      return new Decision(false, limit, 0, reset);
    }
    w.addLast(now);
    long reset = Math.max(1, (long) Math.ceil(
        Duration.between(now, w.peekFirst().plus(WINDOW)).toMillis() / 1000.0));
    return new Decision(true, limit, limit - w.size(), reset);
  }

  void clear() {
    windows.clear();
  }
}
