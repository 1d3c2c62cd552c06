package dev.pdkit.internal.outbox;

import dev.pdkit.spi.OutboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory state shared by the in-memory and the file store: waiting entries in order, their
 * claims, and the dead letters. Not thread-safe; the stores guard it with their own lock.
 *
 * <p>Entries are ordered by a sequence number assigned on first append and kept through replay and
 * compaction, so "oldest first" survives restarts.
 */
final class OutboxIndex {

  /** One entry with its bookkeeping. */
  static final class Rec {
    OutboxStore.Entry entry;
    final long seq;
    @Nullable String claimedBy;
    @Nullable Instant claimedAt;
    @Nullable String reason;
    @Nullable Instant deadAt;
    /** File store only: the segment holding the record that carries this entry's data. */
    long segment = -1;
    /** File store only: the size of that record. */
    int bytes;

    Rec(OutboxStore.Entry entry, long seq) {
      this.entry = entry;
      this.seq = seq;
    }

    boolean dead() {
      return deadAt != null;
    }
  }

  private final TreeMap<Long, Rec> pending = new TreeMap<>();
  private final Map<String, Rec> byId = new HashMap<>();
  private final LinkedHashMap<String, Rec> dead = new LinkedHashMap<>();
  private long nextSeq = 1;

  long nextSeq() {
    return nextSeq++;
  }

  /** Makes sure sequence numbers handed out later are above {@code seq} (recovery). */
  void seenSeq(long seq) {
    if (seq >= nextSeq) {
      nextSeq = seq + 1;
    }
  }

  @Nullable
  Rec get(String id) {
    return byId.get(id);
  }

  /**
   * Adds or replaces a waiting entry (append, replay, recovery of a copied record). A dead letter
   * with the same id comes back to the queue.
   */
  Rec putPending(OutboxStore.Entry entry, long seq) {
    Rec old = byId.get(entry.id());
    if (old != null) {
      remove(old);
    }
    Rec rec = new Rec(entry, seq);
    pending.put(seq, rec);
    byId.put(entry.id(), rec);
    seenSeq(seq);
    return rec;
  }

  /** Adds or replaces a dead letter (dead-lettering, recovery). */
  Rec putDead(OutboxStore.Entry entry, long seq, String reason, Instant at) {
    Rec old = byId.get(entry.id());
    if (old != null) {
      remove(old);
    }
    Rec rec = new Rec(entry, seq);
    rec.reason = reason;
    rec.deadAt = at;
    dead.put(entry.id(), rec);
    byId.put(entry.id(), rec);
    seenSeq(seq);
    return rec;
  }

  /** Forgets an entry, waiting or dead. */
  void remove(Rec rec) {
    byId.remove(rec.entry.id());
    if (rec.dead()) {
      dead.remove(rec.entry.id());
    } else {
      pending.remove(rec.seq);
    }
  }

  /** The waiting entry {@code id}, or null if it is unknown or dead. */
  @Nullable
  Rec pending(String id) {
    Rec rec = byId.get(id);
    return rec == null || rec.dead() ? null : rec;
  }

  /** The dead letter {@code id}, or null. */
  @Nullable
  Rec deadLetter(String id) {
    Rec rec = byId.get(id);
    return rec != null && rec.dead() ? rec : null;
  }

  List<OutboxStore.Entry> claim(String consumer, int max, Duration claimTimeout, Instant now) {
    List<OutboxStore.Entry> out = new ArrayList<>(Math.min(max, 64));
    if (max <= 0) {
      return out;
    }
    Instant expiredBefore = now.minus(claimTimeout);
    for (Iterator<Rec> it = pending.values().iterator(); it.hasNext() && out.size() < max; ) {
      Rec rec = it.next();
      if (rec.claimedAt == null || !rec.claimedAt.isAfter(expiredBefore)) {
        rec.claimedBy = consumer;
        rec.claimedAt = now;
        out.add(rec.entry);
      }
    }
    return out;
  }

  void markClaimed(Rec rec, String consumer, Instant now) {
    rec.claimedBy = consumer;
    rec.claimedAt = now;
  }

  List<OutboxStore.DeadLetter> deadLetters(int max) {
    List<OutboxStore.DeadLetter> out = new ArrayList<>();
    for (Rec rec : dead.values()) {
      if (out.size() >= max) {
        break;
      }
      out.add(new OutboxStore.DeadLetter(rec.entry, rec.reason, rec.deadAt));
    }
    return out;
  }

  Iterable<Rec> all() {
    List<Rec> all = new ArrayList<>(pending.values());
    all.addAll(dead.values());
    return all;
  }

  long size() {
    return pending.size();
  }

  @Nullable
  Instant oldestEnqueuedAt() {
    Instant oldest = null;
    // Sequence order is append order; replayed entries keep their sequence, so the first waiting
    // entry is the oldest except after clock steps. Look at a few to be safe without scanning all.
    int looked = 0;
    for (Rec rec : pending.values()) {
      Instant at = rec.entry.enqueuedAt();
      if (oldest == null || at.isBefore(oldest)) {
        oldest = at;
      }
      if (++looked >= 16) {
        break;
      }
    }
    return oldest;
  }
}
