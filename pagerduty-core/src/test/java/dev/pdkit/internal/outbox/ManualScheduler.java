package dev.pdkit.internal.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A scheduler driven by a {@link MutableClock}: tasks run when a test advances time. */
final class ManualScheduler implements SenderScheduler {
  private final MutableClock clock;
  private final List<Task> tasks = new ArrayList<>();
  private long seq;

  private static final class Task {
    final Instant due;
    final long seq;
    final Runnable run;
    boolean cancelled;

    Task(Instant due, long seq, Runnable run) {
      this.due = due;
      this.seq = seq;
      this.run = run;
    }
  }

  ManualScheduler(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Cancellable schedule(Runnable task, Duration delay) {
    Task t = new Task(clock.instant().plus(delay), seq++, task);
    tasks.add(t);
    return () -> {
      synchronized (ManualScheduler.this) {
        t.cancelled = true;
      }
    };
  }

  /** Moves the clock and runs every task that is due, in due order. */
  void advance(Duration d) {
    clock.advance(d);
    runDue();
  }

  void runDue() {
    while (true) {
      Task next;
      synchronized (this) {
        tasks.removeIf(t -> t.cancelled);
        next =
            tasks.stream()
                .filter(t -> !t.due.isAfter(clock.instant()))
                .min(Comparator.<Task, Instant>comparing(t -> t.due).thenComparing(t -> t.seq))
                .orElse(null);
        if (next == null) {
          return;
        }
        tasks.remove(next);
      }
      next.run.run();
    }
  }

  /** Tasks waiting (not cancelled), excluding ones due later than {@code horizon} from now. */
  synchronized int pending(Duration horizon) {
    Instant limit = clock.instant().plus(horizon);
    return (int) tasks.stream().filter(t -> !t.cancelled && !t.due.isAfter(limit)).count();
  }
}
