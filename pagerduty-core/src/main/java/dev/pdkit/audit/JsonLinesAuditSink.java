package dev.pdkit.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdkit.errors.PagerDutyException;
import dev.pdkit.internal.json.Json;
import dev.pdkit.spi.AuditSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * The default {@link AuditSink}: appends one hash-chained JSON object per line to a file. Opening an
 * existing log verifies it first and continues its chain; a tampered log is refused. Thread-safe
 * within one JVM.
 */
public final class JsonLinesAuditSink implements AuditSink {
  private final Path file;
  private long seq;
  private String prev;

  private JsonLinesAuditSink(Path file, long seq, String prev) {
    this.file = file;
    this.seq = seq;
    this.prev = prev;
  }

  /**
   * Opens (or creates on first write) the log at {@code file}.
   *
   * @throws PagerDutyException when the existing log fails verification
   */
  public static JsonLinesAuditSink open(Path file) {
    Objects.requireNonNull(file, "file");
    if (!Files.exists(file)) {
      return new JsonLinesAuditSink(file, 0, AuditLog.GENESIS);
    }
    AuditVerification v = AuditLog.verify(file);
    if (!v.valid()) {
      throw new PagerDutyException("refusing to append to audit log " + file + ": " + v.summary()
          + "; investigate, then move the file aside to start a new log");
    }
    return new JsonLinesAuditSink(file, v.lines(), v.headHash());
  }

  /** The log file. */
  public Path file() {
    return file;
  }

  @Override
  public synchronized void record(Entry entry) {
    Objects.requireNonNull(entry, "entry");
    ObjectNode n = Json.object();
    n.put("seq", seq + 1);
    n.put("time", entry.time().toString());
    n.put("actor", entry.actor());
    n.put("environment", entry.environment());
    n.put("action", entry.action());
    n.put("resource_type", entry.resourceType());
    n.put("resource_key", entry.resourceKey());
    n.put("resource_id", entry.resourceId());
    ObjectNode before = n.putObject("before");
    entry.before().forEach(before::put);
    ObjectNode after = n.putObject("after");
    entry.after().forEach(after::put);
    n.put("prev", prev);
    String hash = AuditLog.hashOf(prev, n);
    n.put("hash", hash);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(file, (Json.mapper().writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    } catch (JsonProcessingException e) {
      throw new PagerDutyException("cannot serialise audit entry", e);
    } catch (IOException e) {
      throw new PagerDutyException("cannot append to audit log " + file + ": " + e.getMessage(), e);
    }
    seq++;
    prev = hash;
  }
}
