package dev.pdkit.model;

import java.time.OffsetDateTime;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One on-call span as computed by PagerDuty ({@code GET /oncalls}): {@code user} is on call at
 * {@code escalationLevel} of {@code escalationPolicy}, via {@code schedule} (null for a user
 * targeted directly), from {@code start} to {@code end}.
 *
 * @param escalationPolicy the policy
 * @param user who is on call
 * @param schedule the schedule the span comes from; null when the user is a direct target
 * @param escalationLevel the rule level, 1 for the first rule
 * @param start start of the span; null for a permanent on-call
 * @param end end of the span; null if it does not end
 */
public record OnCall(
    Reference escalationPolicy,
    Reference user,
    @Nullable Reference schedule,
    int escalationLevel,
    @Nullable OffsetDateTime start,
    @Nullable OffsetDateTime end) {
  public OnCall {
    Objects.requireNonNull(escalationPolicy, "escalationPolicy");
    Objects.requireNonNull(user, "user");
  }
}
