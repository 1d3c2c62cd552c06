package dev.pdkit.backup;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@link Backups#restore}.
 *
 * @param plan the plan that was executed
 * @param applied the creates and updates made, in order
 * @param idMap for every restored or matched record, its id in the target account, keyed by
 *     {@code kind:sourceId} (e.g. {@code service:PABC123})
 * @param verification a fresh plan of the same restore made after it; empty of creates and updates
 *     when the target now matches the archive
 * @param notes what the operator should know, e.g. integrations that were recreated with a new
 *     routing key (named, never the key)
 * @param health the post-restore health check of the target ({@link dev.pdkit.health.HealthCheck},
 *     full), or null when {@link RestoreOptions#healthCheck()} is off
 */
public record RestoreResult(RestorePlan plan, List<RestoreChange> applied, Map<String, String> idMap,
    RestorePlan verification, List<String> notes, dev.pdkit.health.@Nullable HealthReport health) {
  public RestoreResult {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(verification, "verification");
    applied = List.copyOf(applied);
    idMap = Map.copyOf(idMap);
    notes = List.copyOf(notes);
  }

  /** True when the verification plan found the target matching the archive. */
  public boolean verified() {
    return verification.pending().isEmpty();
  }
}
