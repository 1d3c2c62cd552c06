package dev.pdkit.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Filters for log entry listings ({@code GET /log_entries}, {@code GET /incidents/{id}/log_entries}).
 *
 * @param since start of the window (inclusive)
 * @param until end of the window (exclusive)
 * @param overview {@code is_overview=true}: only the most important changes
 * @param include {@code include[]}: incidents, services, channels, teams
 * @param teamIds {@code team_ids[]} (account-wide listing only)
 * @param timeZone how returned timestamps are rendered
 */
public record LogEntryQuery(
    @Nullable Instant since,
    @Nullable Instant until,
    boolean overview,
    List<String> include,
    List<String> teamIds,
    @Nullable String timeZone) {

  private static final LogEntryQuery NONE = builder().build();

  public LogEntryQuery {
    include = List.copyOf(include);
    teamIds = List.copyOf(teamIds);
    if (since != null && until != null && !until.isAfter(since)) {
      throw new IllegalArgumentException("until " + until + " must be after since " + since);
    }
  }

  /** No filters. */
  public static LogEntryQuery none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link LogEntryQuery}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Instant since;
    private @Nullable Instant until;
    private boolean overview;
    private final List<String> include = new ArrayList<>();
    private final List<String> teamIds = new ArrayList<>();
    private @Nullable String timeZone;

    private Builder() {}

    public Builder since(@Nullable Instant since) {
      this.since = since;
      return this;
    }

    public Builder until(@Nullable Instant until) {
      this.until = until;
      return this;
    }

    public Builder overview(boolean overview) {
      this.overview = overview;
      return this;
    }

    public Builder include(String... what) {
      include.addAll(Queries.ids("include", what));
      return this;
    }

    public Builder teamIds(String... ids) {
      teamIds.addAll(Queries.ids("teamIds", ids));
      return this;
    }

    public Builder timeZone(@Nullable String timeZone) {
      this.timeZone = timeZone;
      return this;
    }

    public LogEntryQuery build() {
      return new LogEntryQuery(since, until, overview, include, teamIds, timeZone);
    }
  }
}
