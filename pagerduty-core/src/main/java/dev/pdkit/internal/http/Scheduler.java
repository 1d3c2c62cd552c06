package dev.pdkit.internal.http;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Waits without blocking a thread: retries' backoff and rate-limit waits go through it. Tests
 * replace it (see {@code dev.pdkit.internal.ClientHooks}) with one that advances a fake clock and
 * completes at once, so no test sleeps for real.
 */
@FunctionalInterface
public interface Scheduler {

  /** A future that completes (normally) after {@code delay}. */
  CompletableFuture<Void> delay(Duration delay);

  /** The real scheduler: completes on {@code executor} once the delay has passed. */
  static Scheduler onExecutor(Executor executor) {
    return delay -> {
      if (delay.isZero() || delay.isNegative()) {
        return CompletableFuture.completedFuture(null);
      }
      Executor later =
          CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, executor);
      return CompletableFuture.runAsync(() -> {}, later);
    };
  }
}
