package dev.pdkit.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Durable queue of events waiting to be delivered to PagerDuty. An entry that {@link #append}
 * returned from survives a crash of the process; it leaves the store only when {@link #acknowledge
 * acknowledged} (delivered) or moved to the dead letters.
 *
 * <p>Many consumers (threads, processes, hosts) may share one store. {@link #claim} hands an entry
 * to one consumer; an entry claimed by a consumer that dies is handed out again once its claim is
 * older than the claim timeout. Delivery is therefore at least once: events carry a dedup key, so a
 * duplicate is harmless at PagerDuty.
 *
 * <p>Implementations must be thread-safe. Methods block for at most one round trip to the store.
 */
public interface OutboxStore extends AutoCloseable {

  /** Stores an entry durably. When this returns, the entry survives a crash. */
  void append(Entry entry);

  /**
   * Stores an entry durably and, where the store can, marks it as already claimed by {@code
   * consumer} (as if {@link #claim} had just returned it), so that no other consumer takes it
   * before {@code claimTimeout}. The event sender uses this for events submitted locally, which it
   * delivers itself. The default just {@link #append appends}; another consumer may then also
   * deliver the entry, which the dedup key makes harmless.
   */
  default void appendClaimed(Entry entry, String consumer) {
    append(entry);
  }

  /**
   * Whether {@link #appendClaimed} really claims the entry for the appending consumer. When true,
   * the event sender delivers what it submitted at once; when false (the default, e.g. a store
   * shared by many instances that hands entries out only through {@link #claim}), the sender
   * appends and then takes every entry, its own included, through {@code claim}, so that the
   * store's own rules (such as one entry per ordering key at a time across instances) hold.
   */
  default boolean claimsOnAppend() {
    return false;
  }

  /**
   * Claims up to {@code max} entries for {@code consumer}: fresh ones, and ones whose claim by any
   * consumer is older than {@code claimTimeout}. Entries come oldest first.
   */
  List<Entry> claim(String consumer, int max, Duration claimTimeout);

  /** Removes a delivered entry. Unknown ids are ignored (another consumer may have finished it). */
  void acknowledge(String id);

  /** Returns an entry to the queue with its attempt count raised, e.g. after a retryable failure. */
  void release(String id, int attempts);

  /** Moves an entry to the dead letters with a reason that names what went wrong. */
  void deadLetter(String id, String reason);

  /** Dead letters, oldest first, at most {@code max}. */
  List<DeadLetter> deadLetters(int max);

  /** Puts a dead letter back in the queue (attempts reset). Returns false if the id is unknown. */
  boolean replay(String id);

  /** How many entries wait (claimed or not), not counting dead letters. */
  long size();

  /** When the oldest waiting entry was enqueued, or null when the store is empty. */
  @org.jspecify.annotations.Nullable
  Instant oldestEnqueuedAt();

  @Override
  default void close() {}

  /**
   * A store that keeps entries in memory only: fast, thread-safe, and lost when the process ends.
   * For callers who do not need durability (tests, or events that are worthless after a restart).
   */
  static OutboxStore inMemory() {
    return new dev.pdkit.internal.outbox.InMemoryOutboxStore(java.time.Clock.systemUTC());
  }

  /**
   * The embedded durable store in directory {@code dir} with the default options (fsync before
   * every {@code append} returns). See {@link dev.pdkit.events.FileOutbox} for the format and the
   * options.
   *
   * @throws dev.pdkit.errors.OutboxException if the directory cannot be used or is locked by
   *     another process
   */
  static OutboxStore file(java.nio.file.Path dir) {
    return dev.pdkit.events.FileOutbox.open(dir);
  }

  /**
   * One queued event.
   *
   * @param id unique id of the entry, chosen by the caller (a UUID)
   * @param key the ordering key (events with the same key are delivered in order)
   * @param payload the serialised event, as sent to PagerDuty
   * @param enqueuedAt when {@code submit} accepted it
   * @param attempts delivery attempts made so far
   */
  record Entry(String id, String key, byte[] payload, Instant enqueuedAt, int attempts) {
    public Entry {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(payload, "payload");
      Objects.requireNonNull(enqueuedAt, "enqueuedAt");
      payload = payload.clone();
    }

    @Override
    public byte[] payload() {
      return payload.clone();
    }

    /** The same entry with another attempt count. */
    public Entry withAttempts(int n) {
      return new Entry(id, key, payload, enqueuedAt, n);
    }
  }

  /** An entry that will not be delivered, with why. */
  record DeadLetter(Entry entry, String reason, Instant at) {
    public DeadLetter {
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(at, "at");
    }
  }
}
