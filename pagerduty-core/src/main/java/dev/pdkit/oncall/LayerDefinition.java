package dev.pdkit.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One schedule layer: an ordered list of users rotating through turns of a fixed length.
 *
 * <p>The rotation is anchored at {@code rotationVirtualStart} (which may precede {@code start}): turn
 * {@code k} (any integer, negative before the anchor) is held by {@code userIds.get(floorMod(k, n))}.
 * When the turn length is a whole number of days, turn {@code k} starts at the anchor's local date
 * and time in the schedule's zone plus {@code k * days} calendar days, so a daily or weekly handoff at
 * 09:00 stays at 09:00 local across daylight-saving changes; any other turn length is counted in
 * elapsed seconds ({@code anchor + k * turn}). The layer only covers {@code [start, end)} ({@code end}
 * null = open-ended), and within that only its {@link Restriction} windows when it has any.
 *
 * @param id PagerDuty layer id, if known
 * @param name layer name, if any
 * @param start when the layer begins to apply
 * @param end when it stops applying; null for never
 * @param rotationVirtualStart anchor of the rotation
 * @param rotationTurnLengthSeconds length of one turn in seconds, at least 1
 * @param userIds the rotation order (a user may appear more than once); empty renders nothing
 * @param restrictions windows the layer is limited to; empty means always
 */
public record LayerDefinition(
    @Nullable String id,
    @Nullable String name,
    Instant start,
    @Nullable Instant end,
    Instant rotationVirtualStart,
    long rotationTurnLengthSeconds,
    List<String> userIds,
    List<Restriction> restrictions) {

  /**
   * @throws OnCallException if the turn length is not positive, {@code end} is not after {@code
   *     start}, or a user id is blank
   */
  public LayerDefinition {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(rotationVirtualStart, "rotationVirtualStart");
    userIds = userIds == null ? List.of() : List.copyOf(userIds);
    restrictions = restrictions == null ? List.of() : List.copyOf(restrictions);
    String label = name != null ? "layer '" + name + "'" : id != null ? "layer " + id : "layer";
    if (rotationTurnLengthSeconds <= 0) {
      throw new OnCallException(
          label
              + ": rotation_turn_length_seconds must be at least 1, was "
              + rotationTurnLengthSeconds);
    }
    if (end != null && !end.isAfter(start)) {
      throw new OnCallException(label + ": end " + end + " must be after start " + start);
    }
    for (String u : userIds) {
      if (u.isBlank()) {
        throw new OnCallException(label + ": users must not contain a blank user id");
      }
    }
  }

  /** The turn length as a duration. */
  public Duration rotationTurnLength() {
    return Duration.ofSeconds(rotationTurnLengthSeconds);
  }

  /** A builder; {@code start}, {@code rotationVirtualStart} and the turn length are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder initialised from this layer. */
  public Builder toBuilder() {
    Builder b =
        new Builder()
            .id(id)
            .name(name)
            .start(start)
            .end(end)
            .rotationVirtualStart(rotationVirtualStart)
            .rotationTurnLengthSeconds(rotationTurnLengthSeconds)
            .users(userIds);
    restrictions.forEach(b::addRestriction);
    return b;
  }

  /** Mutable, not thread-safe builder of {@link LayerDefinition}. */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable String name;
    private @Nullable Instant start;
    private @Nullable Instant end;
    private @Nullable Instant rotationVirtualStart;
    private long rotationTurnLengthSeconds;
    private List<String> userIds = List.of();
    private final List<Restriction> restrictions = new ArrayList<>();

    private Builder() {}

    public Builder id(@Nullable String id) {
      this.id = id;
      return this;
    }

    public Builder name(@Nullable String name) {
      this.name = name;
      return this;
    }

    public Builder start(Instant start) {
      this.start = Objects.requireNonNull(start, "start");
      return this;
    }

    public Builder end(@Nullable Instant end) {
      this.end = end;
      return this;
    }

    public Builder rotationVirtualStart(Instant rotationVirtualStart) {
      this.rotationVirtualStart = Objects.requireNonNull(rotationVirtualStart, "rotationVirtualStart");
      return this;
    }

    public Builder rotationTurnLengthSeconds(long seconds) {
      this.rotationTurnLengthSeconds = seconds;
      return this;
    }

    public Builder rotationTurnLength(Duration turn) {
      return rotationTurnLengthSeconds(Objects.requireNonNull(turn, "turn").getSeconds());
    }

    /** The ordered rotation; replaces any previous list. */
    public Builder users(List<String> userIds) {
      this.userIds = List.copyOf(Objects.requireNonNull(userIds, "userIds"));
      return this;
    }

    public Builder addRestriction(Restriction restriction) {
      restrictions.add(Objects.requireNonNull(restriction, "restriction"));
      return this;
    }

    /**
     * @throws OnCallException naming every missing required field, or any invalid value
     */
    public LayerDefinition build() {
      List<String> missing = new ArrayList<>();
      if (start == null) {
        missing.add("start");
      }
      if (rotationVirtualStart == null) {
        missing.add("rotationVirtualStart");
      }
      if (rotationTurnLengthSeconds == 0) {
        missing.add("rotationTurnLengthSeconds");
      }
      if (!missing.isEmpty()) {
        throw new OnCallException("layer is missing required fields: " + String.join(", ", missing));
      }
      return new LayerDefinition(
          id,
          name,
          start,
          end,
          rotationVirtualStart,
          rotationTurnLengthSeconds,
          userIds,
          restrictions);
    }
  }
}
