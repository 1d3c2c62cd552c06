package dev.pdkit.backup;

import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a capture read.
 *
 * @param counts records read per kind (every kind present, zero when none)
 * @param account the account's web host (from the users' {@code html_url}), e.g. {@code
 *     acme.pagerduty.com}; null when PagerDuty gave none
 */
public record CaptureSummary(Map<BackupKind, Long> counts, @Nullable String account) {
  public CaptureSummary {
    counts = java.util.Collections.unmodifiableMap(new EnumMap<>(counts));
  }

  /** All records. */
  public long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
