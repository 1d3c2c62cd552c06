package dev.pdkit.oncall;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One on-call assignment, shaped like PagerDuty's {@code Oncall} object.
 *
 * @param escalationPolicyId the policy, if its id is known
 * @param escalationLevel 1-based level
 * @param userId who is on call
 * @param scheduleId the schedule that puts them on call; null for a direct user target
 * @param start start of the shift (truncated at the query window); null for a direct user target
 *     (permanently on call)
 * @param end end of the shift (truncated at the query window); null for a direct user target
 */
public record OnCallEntry(
    @Nullable String escalationPolicyId,
    int escalationLevel,
    String userId,
    @Nullable String scheduleId,
    @Nullable Instant start,
    @Nullable Instant end) {

  public OnCallEntry {
    Objects.requireNonNull(userId, "userId");
  }

  /** Whether this is a permanent on-call (direct user target). */
  public boolean permanent() {
    return start == null && end == null;
  }
}
