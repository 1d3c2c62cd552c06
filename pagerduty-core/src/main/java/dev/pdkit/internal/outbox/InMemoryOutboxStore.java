package dev.pdkit.internal.outbox;

import dev.pdkit.spi.OutboxStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An {@link OutboxStore} in memory: thread-safe (one lock), not durable. Claims time out by the
 * injected clock.
 */
public final class InMemoryOutboxStore implements OutboxStore {
  private final OutboxIndex index = new OutboxIndex();
  private final Clock clock;

  public InMemoryOutboxStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized void append(Entry entry) {
    Objects.requireNonNull(entry, "entry");
    index.putPending(entry, index.nextSeq());
  }

  @Override
  public synchronized void appendClaimed(Entry entry, String consumer) {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(consumer, "consumer");
    OutboxIndex.Rec rec = index.putPending(entry, index.nextSeq());
    index.markClaimed(rec, consumer, clock.instant());
  }

  @Override
  public boolean claimsOnAppend() {
    return true;
  }

  @Override
  public synchronized List<Entry> claim(String consumer, int max, Duration claimTimeout) {
    Objects.requireNonNull(consumer, "consumer");
    Objects.requireNonNull(claimTimeout, "claimTimeout");
    return index.claim(consumer, max, claimTimeout, clock.instant());
  }

  @Override
  public synchronized void acknowledge(String id) {
    OutboxIndex.Rec rec = index.pending(Objects.requireNonNull(id, "id"));
    if (rec != null) {
      index.remove(rec);
    }
  }

  @Override
  public synchronized void release(String id, int attempts) {
    OutboxIndex.Rec rec = index.pending(Objects.requireNonNull(id, "id"));
    if (rec != null) {
      rec.entry = rec.entry.withAttempts(attempts);
      rec.claimedBy = null;
      rec.claimedAt = null;
    }
  }

  @Override
  public synchronized void deadLetter(String id, String reason) {
    Objects.requireNonNull(reason, "reason");
    OutboxIndex.Rec rec = index.pending(Objects.requireNonNull(id, "id"));
    if (rec != null) {
      index.putDead(rec.entry, rec.seq, reason, clock.instant());
    }
  }

  @Override
  public synchronized List<DeadLetter> deadLetters(int max) {
    return index.deadLetters(max);
  }

  @Override
  public synchronized boolean replay(String id) {
    OutboxIndex.Rec rec = index.deadLetter(Objects.requireNonNull(id, "id"));
    if (rec == null) {
      return false;
    }
    index.putPending(rec.entry.withAttempts(0), rec.seq);
    return true;
  }

  @Override
  public synchronized long size() {
    return index.size();
  }

  @Override
  public synchronized @Nullable Instant oldestEnqueuedAt() {
    return index.oldestEnqueuedAt();
  }

  @Override
  public String toString() {
    return "InMemoryOutboxStore";
  }
}
