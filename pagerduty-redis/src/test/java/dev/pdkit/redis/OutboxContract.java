package dev.pdkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pdkit.spi.MetricsListener;
import dev.pdkit.spi.OutboxStore;
import dev.pdkit.spi.OutboxStore.DeadLetter;
import dev.pdkit.spi.OutboxStore.Entry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link PdkitRedis#outboxStore(String)} must show, on standalone and Cluster. */
abstract class OutboxContract extends RedisTestBase {
  static final Duration LONG = Duration.ofMinutes(5);
  static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456789Z");

  static Entry entry(String id, String key) {
    return new Entry(id, key, ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), T0, 0);
  }

  static List<String> ids(List<Entry> entries) {
    return entries.stream().map(Entry::id).toList();
  }

  @Test
  void append_claim_acknowledge_roundTripsEntryAndEmptiesStore() {
    OutboxStore out = redis.outboxStore("events");
    byte[] payload = new byte[] {0, 1, 2, (byte) 0xff, '\n', 'x'};
    out.append(new Entry("e1", "dedup-1", payload, T0, 2));
    assertThat(out.size()).isEqualTo(1);
    assertThat(out.oldestEnqueuedAt()).isEqualTo(T0);

    List<Entry> claimed = out.claim("worker-1", 10, LONG);

    assertThat(claimed).hasSize(1);
    Entry e = claimed.get(0);
    assertThat(e.id()).isEqualTo("e1");
    assertThat(e.key()).isEqualTo("dedup-1");
    assertThat(e.payload()).isEqualTo(payload);
    assertThat(e.enqueuedAt()).isEqualTo(T0);
    assertThat(e.attempts()).isEqualTo(2);
    assertThat(out.claim("worker-2", 10, LONG)).isEmpty();
    assertThat(out.size()).isEqualTo(1);

    out.acknowledge("e1");
    out.acknowledge("e1"); // unknown now: ignored
    assertThat(out.size()).isZero();
    assertThat(out.oldestEnqueuedAt()).isNull();
    assertThat(out.claim("worker-1", 10, LONG)).isEmpty();
  }

  @Test
  void append_sameIdTwice_keepsOneEntry() {
    OutboxStore out = redis.outboxStore("events");
    out.append(entry("e1", "k"));
    out.append(entry("e1", "k"));
    assertThat(out.size()).isEqualTo(1);
  }

  @Test
  void claim_manyKeys_oldestFirstAndAtMostMax() {
    OutboxStore out = redis.outboxStore("events");
    for (int i = 0; i < 5; i++) {
      out.append(entry("e" + i, "k" + i));
    }
    assertThat(ids(out.claim("w", 3, LONG))).containsExactly("e0", "e1", "e2");
    assertThat(ids(out.claim("w", 3, LONG))).containsExactly("e3", "e4");
  }

  @Test
  void claim_sameKey_handsOutOneAtATimeInAppendOrder() {
    OutboxStore out = redis.outboxStore("events");
    out.append(entry("a1", "A"));
    out.append(entry("b1", "B"));
    out.append(entry("a2", "A"));
    out.append(entry("a3", "A"));

    assertThat(ids(out.claim("w1", 10, LONG))).containsExactly("a1", "b1");
    assertThat(out.claim("w2", 10, LONG)).isEmpty(); // a2 waits behind a1

    out.acknowledge("a1");
    out.append(entry("a4", "A"));
    assertThat(ids(out.claim("w2", 10, LONG))).containsExactly("a2");
    out.deadLetter("a2", "400 Bad Request: invalid payload");
    assertThat(ids(out.claim("w3", 10, LONG))).containsExactly("a3");
    out.acknowledge("a3");
    assertThat(ids(out.claim("w3", 10, LONG))).containsExactly("a4");
    out.acknowledge("a4");
    out.acknowledge("b1");
    assertThat(out.size()).isZero();
  }

  @Test
  void claim_inFlightEntryDeletedBehindOurBack_doesNotBlockItsKeyForever() {
    OutboxStore out = redis.outboxStore("events");
    out.append(entry("a1", "A"));
    out.append(entry("a2", "A"));
    assertThat(ids(out.claim("w1", 10, LONG))).containsExactly("a1");
    // an operator trims the stream: a1 vanishes without acknowledge
    String stream = prefix + "outbox:{events}:stream";
    String sid = raw().xrange(stream, io.lettuce.core.Range.unbounded()).get(0).getId();
    raw().xack(stream, "pdkit", sid);
    raw().xdel(stream, sid);

    assertThat(ids(out.claim("w1", 10, LONG))).containsExactly("a2");
  }

  @Test
  void appendClaimed_isHeldByItsConsumer_untilAcknowledged() {
    OutboxStore out = redis.outboxStore("events");
    out.appendClaimed(entry("mine", "A"), "local");
    out.append(entry("other", "B"));

    assertThat(ids(out.claim("w2", 10, LONG))).containsExactly("other");
    assertThat(out.claim("w3", 10, LONG)).isEmpty();
    assertThat(out.size()).isEqualTo(2);

    out.appendClaimed(entry("mine", "A"), "local"); // idempotent
    out.acknowledge("mine");
    out.acknowledge("other");
    assertThat(out.size()).isZero();
    out.append(entry("next", "A")); // key A is free again
    assertThat(ids(out.claim("w2", 10, LONG))).containsExactly("next");
  }

  @Test
  void appendClaimed_ownerCrashes_isTakenOverAfterClaimTimeout() throws InterruptedException {
    OutboxStore out = redis.outboxStore("events");
    out.appendClaimed(entry("e1", "A"), "crashed");
    out.append(entry("e2", "A"));
    Duration timeout = Duration.ofMillis(150);
    assertThat(out.claim("w2", 10, timeout)).isEmpty(); // e2 waits behind e1
    Thread.sleep(200);

    assertThat(ids(out.claim("w2", 10, timeout))).containsExactly("e1");
    out.acknowledge("e1");
    assertThat(ids(out.claim("w2", 10, timeout))).containsExactly("e2");
    out.acknowledge("e2");
    assertThat(out.size()).isZero();
  }

  @Test
  void appendClaimed_whileKeyBusyElsewhere_settlesWhenBothAcknowledged() {
    OutboxStore out = redis.outboxStore("events");
    out.append(entry("a1", "A"));
    assertThat(ids(out.claim("w1", 10, LONG))).containsExactly("a1");
    out.appendClaimed(entry("a2", "A"), "local");
    out.acknowledge("a2");
    out.acknowledge("a1");
    out.append(entry("a3", "A"));
    assertThat(ids(out.claim("w1", 10, LONG))).containsExactly("a3");
  }

  @Test
  void release_makesEntryClaimableAtOnceWithAttemptsAndKeepsKeyOrder() {
    OutboxStore out = redis.outboxStore("events");
    out.append(entry("a1", "A"));
    out.append(entry("a2", "A"));
    assertThat(ids(out.claim("w1", 10, LONG))).containsExactly("a1");

    out.release("a1", 1);

    List<Entry> again = out.claim("w2", 10, LONG);
    assertThat(ids(again)).containsExactly("a1");
    assertThat(again.get(0).attempts()).isEqualTo(1);
    out.release("a1", 2);
    assertThat(out.claim("w2", 10, LONG).get(0).attempts()).isEqualTo(2);
    out.acknowledge("a1");
    Entry a2 = out.claim("w1", 10, LONG).get(0);
    assertThat(a2.id()).isEqualTo("a2");
    assertThat(a2.attempts()).isZero();
  }

  @Test
  void claim_afterClaimTimeout_takesOverEntriesOfACrashedConsumer() throws Exception {
    PdkitRedis crashed = open();
    OutboxStore dying = crashed.outboxStore("events");
    for (int i = 0; i < 4; i++) {
      dying.append(entry("e" + i, "k" + (i % 2)));
    }
    assertThat(ids(dying.claim("instance-1", 10, LONG))).containsExactly("e0", "e1");
    crashed.close(); // instance-1 dies holding e0 and e1

    OutboxStore survivor = redis.outboxStore("events");
    Duration timeout = Duration.ofMillis(200);
    assertThat(survivor.claim("instance-2", 10, timeout)).isEmpty(); // too early
    Thread.sleep(250);
    List<Entry> taken = survivor.claim("instance-2", 10, timeout);
    assertThat(ids(taken)).containsExactly("e0", "e1");
    taken.forEach(e -> survivor.acknowledge(e.id()));
    assertThat(ids(survivor.claim("instance-2", 10, timeout))).containsExactly("e2", "e3");
  }

  @Test
  void deadLetter_listsWithReason_andReplayPutsItBack() {
    OutboxStore out = redis.outboxStore("events");
    out.append(entry("e1", "k"));
    out.append(entry("e2", "k2"));
    out.claim("w", 10, LONG);
    out.release("e1", 3);
    out.claim("w", 10, LONG);
    Instant before = Instant.now().minusSeconds(5);

    out.deadLetter("e1", "400: event payload invalid (summary missing)");

    assertThat(out.size()).isEqualTo(1);
    List<DeadLetter> dead = out.deadLetters(10);
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).entry().id()).isEqualTo("e1");
    assertThat(dead.get(0).entry().attempts()).isEqualTo(3);
    assertThat(dead.get(0).entry().payload()).isEqualTo(entry("e1", "k").payload());
    assertThat(dead.get(0).reason()).isEqualTo("400: event payload invalid (summary missing)");
    assertThat(dead.get(0).at()).isAfter(before);

    assertThat(out.replay("nope")).isFalse();
    assertThat(out.replay("e1")).isTrue();
    assertThat(out.replay("e1")).isFalse();
    assertThat(out.deadLetters(10)).isEmpty();
    assertThat(out.size()).isEqualTo(2);
    List<Entry> back = out.claim("w", 10, LONG);
    assertThat(ids(back)).containsExactly("e1");
    assertThat(back.get(0).attempts()).isZero();
    assertThat(back.get(0).enqueuedAt()).isEqualTo(T0);
  }

  @Test
  void claim_reportsQueueDepthAndOldestAge() {
    List<long[]> seen = new ArrayList<>();
    MetricsListener m =
        new MetricsListener() {
          @Override
          public void onQueue(long depth, Duration oldestAge) {
            seen.add(new long[] {depth, oldestAge.toSeconds()});
          }
        };
    PdkitRedis r = open(PdkitRedis.builder().url(url()).keyPrefix(prefix).metrics(m));
    OutboxStore out = r.outboxStore("events");
    Instant old = Instant.now().minus(90, ChronoUnit.SECONDS);
    out.append(new Entry("e1", "k", new byte[] {1}, old, 0));
    out.append(entry("e2", "k2"));
    out.claim("w", 1, LONG);
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0)[0]).isEqualTo(2);
    assertThat(seen.get(0)[1]).isBetween(89L, 95L);
  }

  @Test
  void outboxes_withDifferentNames_areIndependent() {
    redis.outboxStore("a").append(entry("e1", "k"));
    assertThat(redis.outboxStore("b").size()).isZero();
    assertThat(redis.outboxStore("b").claim("w", 10, LONG)).isEmpty();
    assertThat(redis.outboxStore("a")).isSameAs(redis.outboxStore("a"));
  }

  @Test
  void claim_badArguments_failNamingThem() {
    OutboxStore out = redis.outboxStore("events");
    assertThatThrownBy(() -> out.claim("w", 0, LONG)).hasMessageContaining("max");
    assertThatThrownBy(() -> out.claim("w", 1, Duration.ZERO)).hasMessageContaining("claimTimeout");
    assertThatThrownBy(() -> out.claim("pdkit-parked", 1, LONG)).hasMessageContaining("reserved");
    assertThatThrownBy(() -> redis.outboxStore("a{b}")).hasMessageContaining("name");
  }

  /**
   * Four instances with two threads each drain 400 entries over 20 keys, acknowledging most and
   * releasing every fifth delivery once: every entry is delivered, none twice (no claim timed out),
   * and within each key deliveries follow append order.
   */
  @Test
  void claim_concurrentConsumers_deliverAllOnceInKeyOrder() throws Exception {
    OutboxStore writer = redis.outboxStore("events");
    int n = 400;
    int keys = 20;
    for (int i = 0; i < n; i++) {
      writer.append(entry(String.format("e%04d", i), "k" + (i % keys)));
    }
    List<OutboxStore> stores = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      stores.add(open().outboxStore("events"));
    }
    Map<String, List<Integer>> deliveredPerKey = new ConcurrentHashMap<>();
    Set<String> acked = ConcurrentHashMap.newKeySet();
    AtomicInteger releases = new AtomicInteger();
    AtomicInteger duplicates = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      OutboxStore s = stores.get(t % 4);
      String consumer = "c" + t;
      fs.add(
          pool.submit(
              () -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (acked.size() < n && System.nanoTime() < deadline) {
                  List<Entry> batch = s.claim(consumer, 5, LONG);
                  for (Entry e : batch) {
                    int seq = Integer.parseInt(e.id().substring(1));
                    if (e.attempts() == 0 && seq % 5 == 0) {
                      releases.incrementAndGet();
                      s.release(e.id(), 1);
                      continue;
                    }
                    deliveredPerKey
                        .computeIfAbsent(e.key(), k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(seq);
                    if (!acked.add(e.id())) {
                      duplicates.incrementAndGet();
                    }
                    s.acknowledge(e.id());
                  }
                  if (batch.isEmpty()) {
                    Thread.sleep(1);
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : fs) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(acked).hasSize(n);
    assertThat(duplicates.get()).isZero();
    assertThat(releases.get()).isEqualTo(n / 5);
    assertThat(writer.size()).isZero();
    Map<String, List<Integer>> copy = new HashMap<>(deliveredPerKey);
    for (Map.Entry<String, List<Integer>> e : copy.entrySet()) {
      assertThat(e.getValue()).as("deliveries of key %s", e.getKey()).isSorted();
    }
  }
}
