package dev.pdkit.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outcome for one override of a {@code POST /schedules/{id}/overrides} call, which may succeed
 * for some overrides and fail for others.
 *
 * @param status the per-item HTTP status (201 created)
 * @param errors why the item failed; empty on success
 * @param override the override as stored (with its id) or as sent when it failed
 */
public record OverrideResult(int status, List<String> errors, @Nullable ScheduleOverride override) {
  public OverrideResult {
    errors = Lists.copy("errors", errors);
  }

  /** Whether this override was created. */
  public boolean created() {
    return status >= 200 && status < 300 && errors.isEmpty();
  }
}
