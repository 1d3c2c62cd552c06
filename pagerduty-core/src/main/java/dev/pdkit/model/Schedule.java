package dev.pdkit.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A layer-based (v2) on-call schedule. Build new ones with {@link #builder()}; edit fetched ones
 * with {@link #toBuilder()}.
 *
 * <p>{@code finalSchedule} and {@code overridesSubschedule} hold rendered entries only when the
 * schedule was fetched for a window ({@code since}/{@code until}).
 *
 * @param id server id (null before creation)
 * @param type always {@code schedule}
 * @param summary read-only label
 * @param self read-only API URL
 * @param htmlUrl read-only web URL
 * @param name the schedule name
 * @param description free text
 * @param timeZone the schedule's time zone (an IANA name such as {@code Europe/Berlin})
 * @param scheduleLayers the rotations; later layers take precedence
 * @param finalSchedule read-only; the computed schedule for the requested window
 * @param overridesSubschedule read-only; the overrides in the requested window
 * @param escalationPolicies read-only; policies that use this schedule
 * @param users read-only; users on the schedule
 * @param teams read-only; teams of the schedule
 */
public record Schedule(
    @Nullable String id,
    String type,
    @Nullable String summary,
    @Nullable String self,
    @Nullable String htmlUrl,
    @Nullable String name,
    @Nullable String description,
    String timeZone,
    List<ScheduleLayer> scheduleLayers,
    @Nullable SubSchedule finalSchedule,
    @Nullable SubSchedule overridesSubschedule,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Reference> escalationPolicies,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Reference> users,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Reference> teams) {

  public Schedule {
    type = type == null ? "schedule" : type;
    Objects.requireNonNull(timeZone, "timeZone");
    scheduleLayers = Lists.copy("scheduleLayers", scheduleLayers);
    escalationPolicies = Lists.copy("escalationPolicies", escalationPolicies);
    users = Lists.copy("users", users);
    teams = Lists.copy("teams", teams);
  }

  /** This schedule as a reference. */
  public Reference reference() {
    return Reference.schedule(Lists.require(id, "id"));
  }

  /** A builder for a new schedule. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder with this schedule's writable fields (id included). */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.name = name;
    b.description = description;
    b.timeZone = timeZone;
    b.layers.addAll(scheduleLayers);
    b.teams.addAll(teams);
    return b;
  }

  /** Builds a {@link Schedule}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable String name;
    private @Nullable String description;
    private @Nullable String timeZone;
    private final List<ScheduleLayer> layers = new ArrayList<>();
    private final List<Reference> teams = new ArrayList<>();

    private Builder() {}

    public Builder id(@Nullable String id) {
      this.id = id;
      return this;
    }

    /** Required. */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    public Builder description(@Nullable String description) {
      this.description = description;
      return this;
    }

    /** Required: an IANA time zone name. */
    public Builder timeZone(String timeZone) {
      this.timeZone = Objects.requireNonNull(timeZone, "timeZone");
      return this;
    }

    public Builder addLayer(ScheduleLayer layer) {
      layers.add(Objects.requireNonNull(layer, "layer"));
      return this;
    }

    public Builder layers(List<ScheduleLayer> layers) {
      this.layers.clear();
      this.layers.addAll(layers);
      return this;
    }

    /** Associates the schedule with a team (needs the {@code teams} ability). */
    public Builder addTeam(String teamId) {
      teams.add(Reference.team(teamId));
      return this;
    }

    /**
     * Builds the schedule.
     *
     * @throws IllegalStateException naming every missing field
     */
    public Schedule build() {
      List<String> problems = new ArrayList<>();
      if (name == null) {
        problems.add("name is required");
      }
      if (timeZone == null) {
        problems.add("timeZone is required");
      }
      if (layers.isEmpty()) {
        problems.add("at least one layer is required (addLayer)");
      }
      Builders.check("Schedule", problems);
      return new Schedule(id, "schedule", null, null, null, name, description, timeZone, layers,
          null, null, List.of(), List.of(), teams);
    }
  }
}
