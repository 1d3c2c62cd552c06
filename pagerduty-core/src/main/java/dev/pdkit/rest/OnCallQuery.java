package dev.pdkit.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Filters for {@code GET /oncalls}. Without a window PagerDuty answers for now.
 *
 * @param scheduleIds {@code schedule_ids[]}
 * @param escalationPolicyIds {@code escalation_policy_ids[]}
 * @param userIds {@code user_ids[]}
 * @param since start of the window
 * @param until end of the window (at most 90 days ahead)
 * @param earliest {@code earliest=true}: only the first on-call per policy, level and user
 * @param include {@code include[]}: escalation_policies, users, schedules
 * @param timeZone how returned timestamps are rendered
 */
public record OnCallQuery(
    List<String> scheduleIds,
    List<String> escalationPolicyIds,
    List<String> userIds,
    @Nullable Instant since,
    @Nullable Instant until,
    boolean earliest,
    List<String> include,
    @Nullable String timeZone) {

  private static final OnCallQuery NONE = builder().build();

  public OnCallQuery {
    scheduleIds = List.copyOf(scheduleIds);
    escalationPolicyIds = List.copyOf(escalationPolicyIds);
    userIds = List.copyOf(userIds);
    include = List.copyOf(include);
    if (since != null && until != null && !until.isAfter(since)) {
      throw new IllegalArgumentException("until " + until + " must be after since " + since);
    }
  }

  /** Who is on call now. */
  public static OnCallQuery none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link OnCallQuery}. Not thread-safe. */
  public static final class Builder {
    private final List<String> scheduleIds = new ArrayList<>();
    private final List<String> escalationPolicyIds = new ArrayList<>();
    private final List<String> userIds = new ArrayList<>();
    private @Nullable Instant since;
    private @Nullable Instant until;
    private boolean earliest;
    private final List<String> include = new ArrayList<>();
    private @Nullable String timeZone;

    private Builder() {}

    public Builder scheduleIds(String... ids) {
      scheduleIds.addAll(Queries.ids("scheduleIds", ids));
      return this;
    }

    public Builder escalationPolicyIds(String... ids) {
      escalationPolicyIds.addAll(Queries.ids("escalationPolicyIds", ids));
      return this;
    }

    public Builder userIds(String... ids) {
      userIds.addAll(Queries.ids("userIds", ids));
      return this;
    }

    public Builder since(@Nullable Instant since) {
      this.since = since;
      return this;
    }

    public Builder until(@Nullable Instant until) {
      this.until = until;
      return this;
    }

    public Builder earliest(boolean earliest) {
      this.earliest = earliest;
      return this;
    }

    public Builder include(String... what) {
      include.addAll(Queries.ids("include", what));
      return this;
    }

    public Builder timeZone(@Nullable String timeZone) {
      this.timeZone = timeZone;
      return this;
    }

    public OnCallQuery build() {
      return new OnCallQuery(scheduleIds, escalationPolicyIds, userIds, since, until, earliest,
          include, timeZone);
    }
  }
}
