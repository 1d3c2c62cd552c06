package dev.pdkit.oncall;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A layer-based (v2) schedule as the engine sees it.
 *
 * <p><b>Layer priority</b>: {@code layers} are in ascending priority, as PagerDuty numbers them
 * (Layer 1 first). Where a later layer has coverage it hides every earlier one ("the user on Layer 2
 * will be the one on call for the period of their overlap"; PagerDuty support docs, Schedule Basics).
 * Overrides win over all layers, and among overlapping overrides the later one in {@code overrides}
 * wins.
 *
 * @param id PagerDuty schedule id, if known (needed to be the target of an escalation rule)
 * @param timeZone zone restrictions and day-multiple rotations are evaluated in
 * @param layers layers, lowest priority first
 * @param overrides overrides, oldest first
 */
public record ScheduleDefinition(
    @Nullable String id,
    ZoneId timeZone,
    List<LayerDefinition> layers,
    List<ScheduleOverride> overrides) {

  public ScheduleDefinition {
    Objects.requireNonNull(timeZone, "timeZone");
    layers = layers == null ? List.of() : List.copyOf(layers);
    overrides = overrides == null ? List.of() : List.copyOf(overrides);
  }

  /**
   * Renders this schedule over {@code [since, until)}: every layer on its own, the overrides, the
   * final schedule and its coverage gaps. Entries are truncated at the window edges.
   *
   * @throws OnCallException if {@code until} is not after {@code since}, or the window would hold an
   *     unreasonable number of turns (more than 5,000,000)
   */
  public RenderedSchedule render(Instant since, Instant until) {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    return Renderer.render(this, since, until);
  }

  /** The user on call at {@code instant} in the final schedule, or empty when nobody is. */
  public Optional<String> onCallAt(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    return render(instant, instant.plusSeconds(1)).userAt(instant);
  }

  /** Coverage gaps of the final schedule in {@code [since, until)}. */
  public List<TimeRange> gaps(Instant since, Instant until) {
    return render(since, until).gaps();
  }

  /**
   * The first change of the final on-call user after {@code after} and no later than {@code after +
   * horizon} (a change to or from nobody counts), or empty when nothing changes in that horizon.
   */
  public Optional<Handoff> nextHandoff(Instant after, Duration horizon) {
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(horizon, "horizon");
    if (horizon.isNegative() || horizon.isZero()) {
      throw new OnCallException("horizon must be positive, was " + horizon);
    }
    Instant limit = after.plus(horizon);
    RenderedSchedule r = render(after, limit.plusSeconds(1));
    @Nullable String current = r.userAt(after).orElse(null);
    List<Instant> boundaries = new ArrayList<>();
    for (ScheduleEntry e : r.finalSchedule()) {
      boundaries.add(e.start());
      boundaries.add(e.end());
    }
    for (Instant b : boundaries) {
      if (b.isAfter(after) && !b.isAfter(limit)) {
        @Nullable String next = r.userAt(b).orElse(null);
        if (!Objects.equals(next, current)) {
          return Optional.of(new Handoff(b, current, next));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * How a {@link dev.pdkit.model.Schedule}'s {@code schedule_layers} are ordered.
   *
   * <p>Requests (POST/PUT bodies) list Layer 1 first. Responses of {@code GET /schedules/{id}} list
   * the highest layer first; the PagerDuty Terraform provider reverses the layers it reads for this
   * reason.
   */
  public enum LayerOrder {
    /** Layer 1 (lowest priority) first: the order of create and update requests. */
    LOWEST_PRIORITY_FIRST,
    /** Highest priority first: the order PagerDuty's responses use. */
    HIGHEST_PRIORITY_FIRST
  }

  /**
   * Converts a REST schedule (time zone as an IANA id) with no overrides.
   *
   * @param order how {@code schedule.scheduleLayers()} is ordered
   * @throws OnCallException naming the schedule and layer if something cannot be rendered
   */
  public static ScheduleDefinition from(dev.pdkit.model.Schedule schedule, LayerOrder order) {
    return from(schedule, order, List.of());
  }

  /**
   * Converts a REST schedule and its overrides (oldest first: a later one wins where they overlap).
   *
   * @param order how {@code schedule.scheduleLayers()} is ordered
   * @throws OnCallException naming the schedule and layer if something cannot be rendered
   */
  public static ScheduleDefinition from(
      dev.pdkit.model.Schedule schedule,
      LayerOrder order,
      List<dev.pdkit.model.ScheduleOverride> overrides) {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(overrides, "overrides");
    return ModelAdapters.schedule(schedule, order, overrides);
  }

  /** A builder; {@code timeZone} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder initialised from this schedule. */
  public Builder toBuilder() {
    Builder b = new Builder().id(id).timeZone(timeZone);
    layers.forEach(b::addLayer);
    overrides.forEach(b::addOverride);
    return b;
  }

  /**
   * A change of the final on-call user.
   *
   * @param at when it happens
   * @param fromUserId who was on call before, null for nobody
   * @param toUserId who is on call after, null for nobody
   */
  public record Handoff(Instant at, @Nullable String fromUserId, @Nullable String toUserId) {
    public Handoff {
      Objects.requireNonNull(at, "at");
    }
  }

  /** Mutable, not thread-safe builder of {@link ScheduleDefinition}. */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable ZoneId timeZone;
    private final List<LayerDefinition> layers = new ArrayList<>();
    private final List<ScheduleOverride> overrides = new ArrayList<>();

    private Builder() {}

    public Builder id(@Nullable String id) {
      this.id = id;
      return this;
    }

    public Builder timeZone(ZoneId timeZone) {
      this.timeZone = Objects.requireNonNull(timeZone, "timeZone");
      return this;
    }

    /** Appends a layer with higher priority than those already added. */
    public Builder addLayer(LayerDefinition layer) {
      layers.add(Objects.requireNonNull(layer, "layer"));
      return this;
    }

    /** Appends an override that wins over those already added. */
    public Builder addOverride(ScheduleOverride override) {
      overrides.add(Objects.requireNonNull(override, "override"));
      return this;
    }

    /**
     * @throws OnCallException if {@code timeZone} is missing
     */
    public ScheduleDefinition build() {
      if (timeZone == null) {
        throw new OnCallException("schedule is missing required fields: timeZone");
      }
      return new ScheduleDefinition(id, timeZone, layers, overrides);
    }
  }
}
