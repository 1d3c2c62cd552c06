package dev.pdkit.internal.outbox;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Stops deliveries after {@code threshold} consecutive server faults, for {@code openFor}; then lets
 * one probe through (half-open): its success closes the breaker, its failure opens it again. While
 * open, entries simply wait in the outbox. Not thread-safe: the engine guards it.
 */
final class CircuitBreaker {
  enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final int threshold;
  private final Duration openFor;
  private State state = State.CLOSED;
  private int consecutiveFaults;
  private @Nullable Instant openUntil;
  private boolean probeInFlight;

  CircuitBreaker(int threshold, Duration openFor) {
    this.threshold = threshold;
    this.openFor = openFor;
  }

  /** Whether one more delivery may start now; in half-open state only the single probe may. */
  boolean tryPass(Instant now) {
    if (state == State.OPEN) {
      if (openUntil != null && now.isBefore(openUntil)) {
        return false;
      }
      state = State.HALF_OPEN;
      probeInFlight = false;
    }
    if (state == State.HALF_OPEN) {
      if (probeInFlight) {
        return false;
      }
      probeInFlight = true;
      return true;
    }
    return true;
  }

  /** PagerDuty answered (accepted, refused or busy): it is reachable. */
  void onHealthy() {
    consecutiveFaults = 0;
    state = State.CLOSED;
    probeInFlight = false;
    openUntil = null;
  }

  /** A 5xx, timeout or connection failure. Returns true if this opened the breaker. */
  boolean onFault(Instant now) {
    consecutiveFaults++;
    if (state == State.HALF_OPEN || (state == State.CLOSED && consecutiveFaults >= threshold)) {
      state = State.OPEN;
      openUntil = now.plus(openFor);
      probeInFlight = false;
      return true;
    }
    return false;
  }

  /** A started delivery did not reach PagerDuty (e.g. it waited for a rate limit permit). */
  void onAbandoned() {
    probeInFlight = false;
  }

  State state() {
    return state;
  }

  @Nullable
  Instant openUntil() {
    return openUntil;
  }
}
