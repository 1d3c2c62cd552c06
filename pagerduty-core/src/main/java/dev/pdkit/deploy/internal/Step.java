package dev.pdkit.deploy.internal;

import dev.pdkit.deploy.Change;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One plan step during an apply: what it has written so far, so that a rollback undoes exactly what
 * happened, including a step that failed half-way (a team created, one member added, the next add
 * refused). Fields are written by the worker thread running the step and read after it finished.
 */
final class Step {
  final int number;
  final Change change;
  /** The resource id the step touched or created, set as soon as the server returned it. */
  volatile @Nullable String id;
  /** Writes that succeeded within this step. */
  final AtomicInteger writes = new AtomicInteger();
  volatile boolean started;
  volatile boolean done;
  volatile @Nullable Instant doneAt;
  volatile @Nullable RuntimeException error;

  Step(int number, Change change) {
    this.number = number;
    this.change = change;
    this.id = change.id();
  }

  /** Records one successful write; {@code id} (when not null) is the resource it created or changed. */
  void wrote(@Nullable String id) {
    if (id != null) {
      this.id = id;
    }
    writes.incrementAndGet();
  }

  String describe() {
    return change.action().name().toLowerCase(java.util.Locale.ROOT) + " " + change.kind().wire() + " " + change.key();
  }
}
