package dev.pdkit.spi;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Receives one entry per write a deploy makes (who, when, environment, resource, before, after). The
 * default, {@code dev.pdkit.audit.JsonLinesAuditSink}, appends hash-chained JSON lines to a file.
 * Implementations must be thread-safe; a failing sink fails the deploy step that wrote.
 */
public interface AuditSink {

  /** Records one write. */
  void record(Entry entry);

  /** A sink that discards everything. */
  static AuditSink discarding() {
    return entry -> Objects.requireNonNull(entry, "entry");
  }

  /**
   * One audited write. Values are normalised field values, never secrets.
   *
   * @param time when the write completed
   * @param actor who ran the deploy
   * @param environment the environment deployed
   * @param action {@code create}, {@code update} or {@code delete}
   * @param resourceType e.g. {@code service}
   * @param resourceKey the stable key
   * @param resourceId the PagerDuty id, {@code null} if unknown
   * @param before normalised fields before the write (empty for creates)
   * @param after normalised fields after the write (empty for deletes)
   */
  record Entry(
      Instant time,
      String actor,
      String environment,
      String action,
      String resourceType,
      String resourceKey,
      @Nullable String resourceId,
      Map<String, @Nullable String> before,
      Map<String, @Nullable String> after) {
    public Entry {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(resourceType, "resourceType");
      Objects.requireNonNull(resourceKey, "resourceKey");
      before = Collections.unmodifiableMap(new LinkedHashMap<>(before));
      after = Collections.unmodifiableMap(new LinkedHashMap<>(after));
    }
  }
}
