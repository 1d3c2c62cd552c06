package dev.pdkit.testkit.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Timers on the virtual clock, keyed so that re-scheduling or cancelling a key replaces the earlier
 * timer (e.g. {@code escalate:PABC123}). Not thread-safe: used under the fake's lock.
 */
public final class Timers {
  /** A timer action; runs under the fake's lock with the clock set to the due time. */
  @FunctionalInterface
  public interface Action {
    void run(Instant due);
  }

  private record Timer(Instant due, long seq, String key, Action action) {}

  private final PriorityQueue<Timer> queue =
      new PriorityQueue<>((a, b) -> a.due.equals(b.due) ? Long.compare(a.seq, b.seq) : a.due.compareTo(b.due));
  private final Map<String, Timer> byKey = new HashMap<>();
  private long seq;

  /** Schedules {@code action} at {@code due}, replacing any timer with the same key. */
  public void schedule(String key, Instant due, Action action) {
    Timer t = new Timer(due, ++seq, key, action);
    byKey.put(key, t);
    queue.add(t);
  }

  /** Cancels the timer with this key, if any. */
  public void cancel(String key) {
    byKey.remove(key);
  }

  /** Cancels every timer whose key starts with the prefix. */
  public void cancelPrefix(String prefix) {
    byKey.keySet().removeIf(k -> k.startsWith(prefix));
  }

  /** When the timer with this key is due, or null. */
  public @org.jspecify.annotations.Nullable Instant dueAt(String key) {
    Timer t = byKey.get(key);
    return t == null ? null : t.due;
  }

  void clear() {
    queue.clear();
    byKey.clear();
  }

  /**
   * Fires every live timer due at or before {@code until}, in due order, moving the clock to each
   * due time first so that what a timer records carries its own time. Bounded so that a timer that
   * keeps re-scheduling itself at the same instant cannot spin forever.
   */
  int fireDue(VirtualClock clock, Instant until) {
    int fired = 0;
    while (!queue.isEmpty() && fired < 100_000) {
      Timer head = queue.peek();
      if (byKey.get(head.key) != head) {
        queue.poll(); // cancelled or replaced
        continue;
      }
      if (head.due.isAfter(until)) {
        break;
      }
      queue.poll();
      byKey.remove(head.key);
      clock.advanceTo(head.due);
      head.action.run(head.due);
      fired++;
    }
    return fired;
  }
}
