package dev.pdkit.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One notification round of an escalation timeline.
 *
 * @param offset time after the trigger when this level is notified
 * @param at trigger time plus {@code offset}
 * @param level 1-based escalation level
 * @param loop 1-based pass through the policy (1 = first pass, up to {@code num_loops + 1})
 * @param userIds users notified, in target order, without duplicates
 * @param emptyScheduleIds schedule targets of this level with nobody on call at {@code at}
 */
public record EscalationStep(
    Duration offset,
    Instant at,
    int level,
    int loop,
    List<String> userIds,
    List<String> emptyScheduleIds) {

  public EscalationStep {
    Objects.requireNonNull(offset, "offset");
    Objects.requireNonNull(at, "at");
    userIds = List.copyOf(userIds);
    emptyScheduleIds = List.copyOf(emptyScheduleIds);
  }

  /** Whether nobody would be notified at this step. */
  public boolean nobodyNotified() {
    return userIds.isEmpty();
  }
}
