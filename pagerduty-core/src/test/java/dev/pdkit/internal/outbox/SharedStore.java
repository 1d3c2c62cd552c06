package dev.pdkit.internal.outbox;

import dev.pdkit.spi.OutboxStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A store that, like a store shared between instances, hands entries out only through {@code
 * claim} (it keeps the SPI defaults for {@code appendClaimed} and {@code claimsOnAppend}).
 */
final class SharedStore implements OutboxStore {
  private final InMemoryOutboxStore delegate;

  SharedStore(Clock clock) {
    this.delegate = new InMemoryOutboxStore(clock);
  }

  @Override
  public void append(Entry entry) {
    delegate.append(entry);
  }

  @Override
  public List<Entry> claim(String consumer, int max, Duration claimTimeout) {
    return delegate.claim(consumer, max, claimTimeout);
  }

  @Override
  public void acknowledge(String id) {
    delegate.acknowledge(id);
  }

  @Override
  public void release(String id, int attempts) {
    delegate.release(id, attempts);
  }

  @Override
  public void deadLetter(String id, String reason) {
    delegate.deadLetter(id, reason);
  }

  @Override
  public List<DeadLetter> deadLetters(int max) {
    return delegate.deadLetters(max);
  }

  @Override
  public boolean replay(String id) {
    return delegate.replay(id);
  }

  @Override
  public long size() {
    return delegate.size();
  }

  @Override
  public @Nullable Instant oldestEnqueuedAt() {
    return delegate.oldestEnqueuedAt();
  }
}
