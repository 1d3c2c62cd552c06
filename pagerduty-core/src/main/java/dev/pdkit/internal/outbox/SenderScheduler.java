package dev.pdkit.internal.outbox;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs tasks later; tests substitute a manual one so that no test sleeps for a backoff. */
public interface SenderScheduler {

  /** Runs {@code task} after {@code delay}; the returned handle cancels it. */
  Cancellable schedule(Runnable task, Duration delay);

  /** A scheduled task that can be cancelled. */
  interface Cancellable {
    void cancel();
  }

  /** A scheduler over an executor service (which its owner shuts down). */
  static SenderScheduler of(ScheduledExecutorService executor) {
    return (task, delay) -> {
      var f = executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    };
  }
}
