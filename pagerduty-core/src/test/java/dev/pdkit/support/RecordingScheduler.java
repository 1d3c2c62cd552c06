package dev.pdkit.support;

import dev.pdkit.internal.http.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A scheduler that never sleeps: it records each delay, advances the clock, runs a hook. */
public final class RecordingScheduler implements Scheduler {
  private final ManualClock clock;
  private final List<Duration> delays = new CopyOnWriteArrayList<>();
  private volatile Runnable beforeResume = () -> {};

  public RecordingScheduler(ManualClock clock) {
    this.clock = clock;
  }

  /** Runs {@code r} at each delay, after the clock moved and before the waiter resumes. */
  public RecordingScheduler beforeResume(Runnable r) {
    this.beforeResume = r;
    return this;
  }

  @Override
  public CompletableFuture<Void> delay(Duration delay) {
    delays.add(delay);
    clock.advance(delay);
    beforeResume.run();
    return CompletableFuture.completedFuture(null);
  }

  public List<Duration> delays() {
    return List.copyOf(delays);
  }
}
