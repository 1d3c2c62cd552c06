package dev.pdkit.internal.outbox;

import dev.pdkit.events.FileOutbox;
import dev.pdkit.spi.OutboxStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Child process for the crash test: {@code java -cp ... FileOutboxCrashMain DIR N POLICY} appends
 * N entries and prints each id on its own line once {@code append} has returned. The parent kills
 * it with {@code destroyForcibly()} part way through.
 */
public final class FileOutboxCrashMain {
  private FileOutboxCrashMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    FileOutbox.FsyncPolicy policy = FileOutbox.FsyncPolicy.valueOf(args[2]);
    OutboxStore store = FileOutbox.builder(dir).fsync(policy).segmentBytes(64 * 1024).build();
    byte[] payload = ("{\"event_action\":\"trigger\",\"pad\":\"" + "x".repeat(300) + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    System.out.println("open");
    System.out.flush();
    for (int i = 0; i < n; i++) {
      String id = "e-" + i;
      store.append(new OutboxStore.Entry(id, "k-" + (i % 7), payload, Instant.now(), 0));
      if (i % 3 == 0) {
        // Acknowledge some older entries so tombstones and compaction are part of the run.
        store.acknowledge("e-" + (i / 2));
      }
      System.out.println(id);
      System.out.flush();
    }
    System.out.println("done");
    System.out.flush();
    Thread.sleep(60_000);
  }
}
