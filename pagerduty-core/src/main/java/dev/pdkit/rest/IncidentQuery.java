package dev.pdkit.rest;

import dev.pdkit.model.IncidentStatus;
import dev.pdkit.model.Urgency;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Filters for {@code GET /incidents}. Without {@code since}/{@code until} PagerDuty returns the
 * last month; {@link Builder#dateRangeAll()} ignores the window (and then the 10,000-item cap
 * cannot be worked around by splitting it).
 *
 * <pre>{@code
 * IncidentQuery q = IncidentQuery.builder()
 *     .statuses(IncidentStatus.TRIGGERED, IncidentStatus.ACKNOWLEDGED)
 *     .serviceIds("PSVC1").since(Instant.parse("2026-01-01T00:00:00Z")).build();
 * }</pre>
 *
 * @param statuses {@code statuses[]}
 * @param serviceIds {@code service_ids[]}
 * @param teamIds {@code team_ids[]}
 * @param userIds {@code user_ids[]} (assigned to these users)
 * @param urgencies {@code urgencies[]}
 * @param incidentKey {@code incident_key}
 * @param since start of the window (inclusive)
 * @param until end of the window (exclusive)
 * @param dateRangeAll {@code date_range=all}: ignore since/until
 * @param sortBy up to two {@code field[:asc|:desc]} (incident_number, created_at, resolved_at,
 *     urgency)
 * @param include {@code include[]}, e.g. {@code assignees}, {@code services}
 * @param timeZone how returned timestamps are rendered
 */
public record IncidentQuery(
    List<IncidentStatus> statuses,
    List<String> serviceIds,
    List<String> teamIds,
    List<String> userIds,
    List<Urgency> urgencies,
    @Nullable String incidentKey,
    @Nullable Instant since,
    @Nullable Instant until,
    boolean dateRangeAll,
    List<String> sortBy,
    List<String> include,
    @Nullable String timeZone) {

  private static final IncidentQuery NONE = builder().build();

  public IncidentQuery {
    statuses = List.copyOf(statuses);
    serviceIds = List.copyOf(serviceIds);
    teamIds = List.copyOf(teamIds);
    userIds = List.copyOf(userIds);
    urgencies = List.copyOf(urgencies);
    sortBy = List.copyOf(sortBy);
    include = List.copyOf(include);
    if (since != null && until != null && !until.isAfter(since)) {
      throw new IllegalArgumentException("until " + until + " must be after since " + since);
    }
    if (sortBy.size() > 2) {
      throw new IllegalArgumentException("sortBy takes at most 2 fields, got " + sortBy);
    }
    if (statuses.contains(IncidentStatus.UNKNOWN) || urgencies.contains(Urgency.UNKNOWN)) {
      throw new IllegalArgumentException("UNKNOWN cannot be used as a filter value");
    }
  }

  /** No filters (the last month of incidents). */
  public static IncidentQuery none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link IncidentQuery}. Not thread-safe. */
  public static final class Builder {
    private final List<IncidentStatus> statuses = new ArrayList<>();
    private final List<String> serviceIds = new ArrayList<>();
    private final List<String> teamIds = new ArrayList<>();
    private final List<String> userIds = new ArrayList<>();
    private final List<Urgency> urgencies = new ArrayList<>();
    private @Nullable String incidentKey;
    private @Nullable Instant since;
    private @Nullable Instant until;
    private boolean dateRangeAll;
    private final List<String> sortBy = new ArrayList<>();
    private final List<String> include = new ArrayList<>();
    private @Nullable String timeZone;

    private Builder() {}

    public Builder statuses(IncidentStatus... statuses) {
      this.statuses.addAll(Arrays.asList(Objects.requireNonNull(statuses, "statuses")));
      return this;
    }

    public Builder serviceIds(String... ids) {
      serviceIds.addAll(Queries.ids("serviceIds", ids));
      return this;
    }

    public Builder teamIds(String... ids) {
      teamIds.addAll(Queries.ids("teamIds", ids));
      return this;
    }

    public Builder userIds(String... ids) {
      userIds.addAll(Queries.ids("userIds", ids));
      return this;
    }

    public Builder urgencies(Urgency... urgencies) {
      this.urgencies.addAll(Arrays.asList(Objects.requireNonNull(urgencies, "urgencies")));
      return this;
    }

    public Builder incidentKey(@Nullable String incidentKey) {
      this.incidentKey = incidentKey;
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

    /** Every incident regardless of age ({@code date_range=all}). */
    public Builder dateRangeAll() {
      this.dateRangeAll = true;
      return this;
    }

    /** Appends a sort field, e.g. {@code created_at:desc} (at most two). */
    public Builder sortBy(String field) {
      sortBy.add(Objects.requireNonNull(field, "field"));
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

    /** @throws IllegalArgumentException if the window is empty or sortBy has more than 2 fields */
    public IncidentQuery build() {
      if (dateRangeAll && (since != null || until != null)) {
        throw new IllegalArgumentException("dateRangeAll ignores since/until; set one or the other");
      }
      return new IncidentQuery(statuses, serviceIds, teamIds, userIds, urgencies, incidentKey,
          since, until, dateRangeAll, sortBy, include, timeZone);
    }
  }
}
