package dev.pdkit.internal.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pdkit.errors.OutboxException;
import dev.pdkit.events.FileOutbox;
import dev.pdkit.events.FileOutbox.FsyncPolicy;
import dev.pdkit.spi.OutboxStore;
import dev.pdkit.spi.OutboxStore.Entry;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOutboxStoreTest {
  @TempDir Path dir;
  final MutableClock clock = MutableClock.atEpochPlusOneDay();

  private OutboxStore open() {
    return FileOutbox.builder(dir).clock(clock).build();
  }

  private OutboxStore open(long segmentBytes) {
    return FileOutbox.builder(dir).clock(clock).segmentBytes(segmentBytes).build();
  }

  private Entry entry(String id, String key) {
    return new Entry(
        id, key, ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), clock.instant(), 0);
  }

  private static List<String> ids(List<Entry> entries) {
    return entries.stream().map(Entry::id).toList();
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("segment-")).sorted().toList();
    }
  }

  @Test
  void append_thenReopen_entriesSurviveOldestFirstWithPayload() {
    try (OutboxStore store = open()) {
      store.append(entry("a", "k1"));
      clock.advance(Duration.ofSeconds(1));
      store.append(entry("b", "k2"));
      store.append(entry("c", "k1"));
    }
    try (OutboxStore store = open()) {
      assertThat(store.size()).isEqualTo(3);
      assertThat(store.oldestEnqueuedAt()).isEqualTo(clock.instant().minusSeconds(1));
      List<Entry> claimed = store.claim("me", 10, Duration.ofMinutes(1));
      assertThat(ids(claimed)).containsExactly("a", "b", "c");
      assertThat(new String(claimed.get(1).payload(), StandardCharsets.UTF_8))
          .isEqualTo("{\"id\":\"b\"}");
      assertThat(claimed.get(2).key()).isEqualTo("k1");
    }
  }

  @Test
  void acknowledge_thenReopen_entryStaysGone() {
    try (OutboxStore store = open()) {
      store.append(entry("a", "k"));
      store.append(entry("b", "k"));
      store.acknowledge("a");
      store.acknowledge("unknown");
      assertThat(store.size()).isEqualTo(1);
    }
    try (OutboxStore store = open()) {
      assertThat(ids(store.claim("me", 10, Duration.ofMinutes(1)))).containsExactly("b");
    }
  }

  @Test
  void claim_claimedEntry_isHandedOutAgainOnlyAfterTimeout() {
    try (OutboxStore store = open()) {
      store.append(entry("a", "k"));
      store.appendClaimed(entry("b", "k"), "me");
      assertThat(ids(store.claim("c1", 10, Duration.ofSeconds(30)))).containsExactly("a");
      assertThat(store.claim("c2", 10, Duration.ofSeconds(30))).isEmpty();
      clock.advance(Duration.ofSeconds(31));
      assertThat(ids(store.claim("c2", 1, Duration.ofSeconds(30)))).containsExactly("a");
      assertThat(ids(store.claim("c2", 10, Duration.ofSeconds(30)))).containsExactly("b");
      assertThat(store.claim("c2", 0, Duration.ofSeconds(30))).isEmpty();
    }
  }

  @Test
  void release_raisesAttemptsAndFreesClaim_survivesReopen() {
    try (OutboxStore store = open()) {
      store.append(entry("a", "k"));
      store.claim("me", 10, Duration.ofMinutes(5));
      store.release("a", 3);
      store.release("nope", 1);
      assertThat(store.claim("other", 10, Duration.ofMinutes(5)))
          .singleElement()
          .extracting(Entry::attempts)
          .isEqualTo(3);
    }
    try (OutboxStore store = open()) {
      assertThat(store.claim("me", 10, Duration.ofMinutes(5)))
          .singleElement()
          .extracting(Entry::attempts)
          .isEqualTo(3);
    }
  }

  @Test
  void deadLetter_thenReopen_keepsReason_andReplayRequeuesWithAttemptsReset() {
    try (OutboxStore store = open()) {
      store.append(entry("a", "k").withAttempts(4));
      store.append(entry("b", "k"));
      store.deadLetter("a", "400 Bad Request: Event object is invalid");
      store.deadLetter("missing", "ignored");
      assertThat(store.size()).isEqualTo(1);
    }
    try (OutboxStore store = open()) {
      List<OutboxStore.DeadLetter> dead = store.deadLetters(10);
      assertThat(dead).hasSize(1);
      assertThat(dead.get(0).reason()).contains("Event object is invalid");
      assertThat(dead.get(0).entry().attempts()).isEqualTo(4);
      assertThat(dead.get(0).at()).isEqualTo(clock.instant());
      assertThat(store.deadLetters(0)).isEmpty();
      assertThat(store.replay("a")).isTrue();
      assertThat(store.replay("a")).isFalse();
      assertThat(store.replay("nope")).isFalse();
      assertThat(store.deadLetters(10)).isEmpty();
    }
    try (OutboxStore store = open()) {
      List<Entry> claimed = store.claim("me", 10, Duration.ofMinutes(1));
      assertThat(ids(claimed)).containsExactly("a", "b");
      assertThat(claimed.get(0).attempts()).isZero();
      store.acknowledge("a");
      store.acknowledge("b");
      assertThat(store.oldestEnqueuedAt()).isNull();
    }
  }

  @Test
  void open_tornTailRecord_isTruncatedAndEarlierRecordsKept() throws IOException {
    try (OutboxStore store = open()) {
      store.append(entry("a", "k"));
      store.append(entry("b", "k"));
    }
    Path newest = segments().get(segments().size() - 1);
    long size = Files.size(newest);
    // Cut the last record in half, as a crash in the middle of a write would.
    try (RandomAccessFile f = new RandomAccessFile(newest.toFile(), "rw")) {
      f.setLength(size - 7);
    }
    try (OutboxStore store = open()) {
      assertThat(ids(store.claim("me", 10, Duration.ofMinutes(1)))).containsExactly("a");
      store.append(entry("c", "k"));
    }
    assertThat(Files.size(newest)).isLessThan(size);
    try (OutboxStore store = open()) {
      assertThat(ids(store.claim("me", 10, Duration.ofMinutes(1)))).containsExactly("a", "c");
    }
  }

  @Test
  void open_tornRecordHeaderAndHeaderlessSegment_recover() throws IOException {
    try (OutboxStore store = open()) {
      store.append(entry("a", "k"));
    }
    Path newest = segments().get(segments().size() - 1);
    Files.write(newest, new byte[] {0, 0, 0}, java.nio.file.StandardOpenOption.APPEND);
    try (OutboxStore store = open()) {
      assertThat(store.size()).isEqualTo(1);
    }
    Path next = segments().get(segments().size() - 1);
    Files.write(next, new byte[] {'P', 'D'});
    try (OutboxStore store = open()) {
      assertThat(store.size()).isEqualTo(1);
    }
    // The torn file was removed and its name reused for a fresh, empty segment.
    assertThat(Files.size(next)).isEqualTo(FileOutboxStore.HEADER);
  }

  @Test
  void open_crcMismatchInNewestSegment_truncatesFromBadRecord() throws IOException {
    try (OutboxStore store = open()) {
      store.append(entry("a", "k"));
      store.append(entry("b", "k"));
    }
    Path newest = segments().get(segments().size() - 1);
    long size = Files.size(newest);
    try (RandomAccessFile f = new RandomAccessFile(newest.toFile(), "rw")) {
      f.seek(size - 3);
      int b = f.read();
      f.seek(size - 3);
      f.write(b ^ 0x5a);
    }
    try (OutboxStore store = open()) {
      assertThat(ids(store.claim("me", 10, Duration.ofMinutes(1)))).containsExactly("a");
    }
  }

  @Test
  void open_crcMismatchInOlderSegment_failsNamingFileAndOffset() throws IOException {
    try (OutboxStore store = open()) {
      store.append(entry("a", "k"));
    }
    try (OutboxStore store = open()) {
      store.append(entry("b", "k"));
    }
    List<Path> segs = segments();
    assertThat(segs).hasSizeGreaterThanOrEqualTo(2);
    Path older = segs.get(0);
    try (RandomAccessFile f = new RandomAccessFile(older.toFile(), "rw")) {
      f.seek(FileOutboxStore.HEADER + 12);
      int b = f.read();
      f.seek(FileOutboxStore.HEADER + 12);
      f.write(b ^ 0xff);
    }
    assertThatThrownBy(this::open)
        .isInstanceOf(OutboxException.class)
        .hasMessageContaining(older.getFileName().toString())
        .hasMessageContaining("offset " + FileOutboxStore.HEADER)
        .hasMessageContaining("CRC mismatch")
        .hasMessageContaining("move the directory aside");
    // The failed open released the lock.
    Files.delete(older);
    try (OutboxStore store = open()) {
      assertThat(ids(store.claim("me", 10, Duration.ofMinutes(1)))).containsExactly("b");
    }
  }

  @Test
  void open_segmentWithForeignHeader_failsClearly() throws IOException {
    try (OutboxStore store = open()) {
      store.append(entry("a", "k"));
    }
    Files.write(dir.resolve("segment-000000000000.log"), "NOTOURS!xxxx".getBytes());
    assertThatThrownBy(this::open)
        .isInstanceOf(OutboxException.class)
        .hasMessageContaining("bad header");
  }

  @Test
  void compaction_fullyAcknowledgedSegments_areDeleted() throws IOException {
    try (OutboxStore store = open(4096)) {
      for (int i = 0; i < 200; i++) {
        store.append(entry("e" + i, "k"));
        store.acknowledge("e" + i);
      }
      assertThat(((FileOutboxStore) store).segmentCount()).isLessThanOrEqualTo(2);
    }
    assertThat(segments().size()).isLessThanOrEqualTo(2);
    try (OutboxStore store = open(4096)) {
      assertThat(store.size()).isZero();
    }
  }

  @Test
  void compaction_oldSegmentWithFewLiveRecords_copiesThemForward() throws IOException {
    try (OutboxStore store = open(4096)) {
      store.append(entry("keep", "k"));
      store.append(entry("dead", "k"));
      store.deadLetter("dead", "400: invalid");
      for (int i = 0; i < 300; i++) {
        store.append(entry("e" + i, "k"));
        store.acknowledge("e" + i);
      }
      assertThat(((FileOutboxStore) store).segmentCount()).isLessThanOrEqualTo(3);
    }
    try (OutboxStore store = open(4096)) {
      assertThat(ids(store.claim("me", 10, Duration.ofMinutes(1)))).containsExactly("keep");
      assertThat(store.deadLetters(10))
          .singleElement()
          .satisfies(d -> assertThat(d.reason()).isEqualTo("400: invalid"));
    }
  }

  @Test
  void compaction_backlogSegments_areKept() {
    try (OutboxStore store = open(4096)) {
      for (int i = 0; i < 300; i++) {
        store.append(entry("e" + i, "k"));
      }
      assertThat(((FileOutboxStore) store).segmentCount()).isGreaterThan(3);
    }
    try (OutboxStore store = open(4096)) {
      assertThat(store.size()).isEqualTo(300);
      assertThat(store.claim("me", 1000, Duration.ofMinutes(1))).hasSize(300);
    }
  }

  @Test
  void open_sameDirectoryTwiceInProcess_failsClearly() {
    try (OutboxStore store = open()) {
      assertThatThrownBy(this::open)
          .isInstanceOf(OutboxException.class)
          .hasMessageContaining("already open in this process");
      store.append(entry("a", "k"));
    }
    try (OutboxStore store = open()) {
      assertThat(store.size()).isEqualTo(1);
    }
  }

  @Test
  void closedStore_rejectsCallsClearly() {
    OutboxStore store = open();
    store.close();
    store.close();
    assertThatThrownBy(() -> store.append(entry("a", "k")))
        .isInstanceOf(OutboxException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> store.claim("me", 1, Duration.ofSeconds(1)))
        .isInstanceOf(OutboxException.class);
  }

  @Test
  void open_directoryIsAFile_failsNamingPath() throws IOException {
    Path file = dir.resolve("plain");
    Files.writeString(file, "x");
    assertThatThrownBy(() -> FileOutbox.open(file.resolve("sub")))
        .isInstanceOf(OutboxException.class)
        .hasMessageContaining("plain");
  }

  @Test
  void batchPolicy_concurrentAppends_allRecoveredAfterClose() throws Exception {
    OutboxStore store =
        FileOutbox.builder(dir)
            .fsync(FsyncPolicy.BATCH)
            .batchInterval(Duration.ofMillis(5))
            .segmentBytes(8192)
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 100; i++) {
                    store.append(entry("t" + thread + "-" + i, "k" + thread));
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      ((FileOutboxStore) store).flush();
    } finally {
      pool.shutdownNow();
      store.close();
    }
    try (OutboxStore reopened = open()) {
      assertThat(reopened.size()).isEqualTo(400);
    }
  }

  @Test
  void alwaysPolicy_concurrentAppends_shareForcesAndAllSurvive() throws Exception {
    OutboxStore store = open(8192);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 50; i++) {
                    store.append(entry("t" + thread + "-" + i, "k"));
                    if (i % 2 == 0) {
                      store.acknowledge("t" + thread + "-" + i);
                    }
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
      store.close();
    }
    try (OutboxStore reopened = open()) {
      assertThat(reopened.size()).isEqualTo(100);
    }
  }
}
