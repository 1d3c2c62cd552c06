package dev.pdkit.oncall;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What PagerDuty would do with an incident triggered at {@code triggeredAt} that nobody
 * acknowledges: the ordered notification rounds.
 *
 * @param policyId the escalation policy id, if known
 * @param triggeredAt when the hypothetical incident was triggered
 * @param steps rounds in time order: every level of the first pass, then of each loop
 */
public record EscalationTimeline(
    @Nullable String policyId, Instant triggeredAt, List<EscalationStep> steps) {

  public EscalationTimeline {
    Objects.requireNonNull(triggeredAt, "triggeredAt");
    steps = List.copyOf(steps);
  }
}
