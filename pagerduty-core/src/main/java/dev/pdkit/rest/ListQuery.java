package dev.pdkit.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Filters for the simple list endpoints (services, escalation policies, schedules, users, teams,
 * maintenance windows). Each resource documents which of them PagerDuty honours; set filters are
 * sent as repeated bracket keys ({@code team_ids[]=A&team_ids[]=B}).
 *
 * <pre>{@code
 * pd.services().list(ListQuery.builder().query("checkout").teamIds("PTEAM1").include("integrations").build());
 * }</pre>
 *
 * @param query free-text filter on names ({@code query})
 * @param teamIds only objects of these teams ({@code team_ids[]})
 * @param userIds only objects involving these users ({@code user_ids[]})
 * @param include related objects to expand ({@code include[]})
 * @param sortBy {@code field[:asc|:desc]}, where the endpoint supports sorting
 * @param extra any other parameter, sent as given (use bracket names for sets)
 */
public record ListQuery(
    @Nullable String query,
    List<String> teamIds,
    List<String> userIds,
    List<String> include,
    @Nullable String sortBy,
    Map<String, List<String>> extra) {

  private static final ListQuery NONE =
      new ListQuery(null, List.of(), List.of(), List.of(), null, Map.of());

  public ListQuery {
    teamIds = List.copyOf(teamIds);
    userIds = List.copyOf(userIds);
    include = List.copyOf(include);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    extra.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    extra = java.util.Collections.unmodifiableMap(copy);
  }

  /** No filters. */
  public static ListQuery none() {
    return NONE;
  }

  /** A query that only filters by text. */
  public static ListQuery text(String query) {
    return builder().query(query).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ListQuery}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String query;
    private final List<String> teamIds = new ArrayList<>();
    private final List<String> userIds = new ArrayList<>();
    private final List<String> include = new ArrayList<>();
    private @Nullable String sortBy;
    private final Map<String, List<String>> extra = new LinkedHashMap<>();

    private Builder() {}

    public Builder query(@Nullable String query) {
      this.query = query;
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

    /** Related objects to expand, e.g. {@code teams}, {@code integrations}. */
    public Builder include(String... what) {
      include.addAll(Queries.ids("include", what));
      return this;
    }

    public Builder sortBy(@Nullable String sortBy) {
      this.sortBy = sortBy;
      return this;
    }

    /** Any other parameter, e.g. {@code param("time_zone", "UTC")}. */
    public Builder param(String name, String... values) {
      Objects.requireNonNull(name, "name");
      extra.computeIfAbsent(name, k -> new ArrayList<>()).addAll(List.of(values));
      return this;
    }

    public ListQuery build() {
      return new ListQuery(query, teamIds, userIds, include, sortBy, extra);
    }
  }
}
