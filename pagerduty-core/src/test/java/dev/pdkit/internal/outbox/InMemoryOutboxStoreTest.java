package dev.pdkit.internal.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pdkit.spi.OutboxStore;
import dev.pdkit.spi.OutboxStore.Entry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryOutboxStoreTest {
  final MutableClock clock = MutableClock.atEpochPlusOneDay();
  final OutboxStore store = new InMemoryOutboxStore(clock);

  private Entry entry(String id) {
    return new Entry(id, "k", id.getBytes(StandardCharsets.UTF_8), clock.instant(), 0);
  }

  @Test
  void factory_returnsWorkingStore() {
    OutboxStore s = OutboxStore.inMemory();
    s.append(entry("a"));
    assertThat(s.size()).isEqualTo(1);
    assertThat(s.toString()).isEqualTo("InMemoryOutboxStore");
    s.close();
  }

  @Test
  void lifecycle_appendClaimReleaseDeadLetterReplayAcknowledge() {
    store.append(entry("a"));
    clock.advance(Duration.ofSeconds(5));
    store.appendClaimed(entry("b"), "me");
    assertThat(store.oldestEnqueuedAt()).isEqualTo(clock.instant().minusSeconds(5));
    assertThat(store.claim("x", 10, Duration.ofSeconds(10))).extracting(Entry::id).containsExactly("a");
    store.release("a", 2);
    store.release("zzz", 2);
    assertThat(store.claim("x", 10, Duration.ofSeconds(10)))
        .singleElement()
        .satisfies(e -> assertThat(e.attempts()).isEqualTo(2));
    store.deadLetter("a", "400: bad");
    store.deadLetter("zzz", "ignored");
    assertThat(store.size()).isEqualTo(1);
    assertThat(store.deadLetters(5)).singleElement().satisfies(d -> {
      assertThat(d.reason()).isEqualTo("400: bad");
      assertThat(d.at()).isEqualTo(clock.instant());
    });
    assertThat(store.replay("a")).isTrue();
    assertThat(store.replay("a")).isFalse();
    clock.advance(Duration.ofSeconds(11));
    assertThat(store.claim("y", 10, Duration.ofSeconds(10)))
        .extracting(Entry::id, Entry::attempts)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", 0), org.assertj.core.groups.Tuple.tuple("b", 0));
    store.acknowledge("a");
    store.acknowledge("b");
    store.acknowledge("b");
    assertThat(store.size()).isZero();
    assertThat(store.oldestEnqueuedAt()).isNull();
  }
}
