package dev.pdkit.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One rotation of a schedule: {@code users} take turns of {@code rotationTurnLengthSeconds},
 * counted from {@code rotationVirtualStart} (which may precede {@code start}), between {@code start}
 * and {@code end}, limited by {@code restrictions}. Build with {@link #builder()}.
 *
 * @param id the layer id (null before creation)
 * @param name the layer name
 * @param start when the layer takes effect
 * @param end when it stops; null means it does not end
 * @param rotationVirtualStart the anchor of the rotation
 * @param rotationTurnLengthSeconds the length of each turn
 * @param users the ordered rotation
 * @param restrictions when the layer may assign time; empty means always
 * @param renderedScheduleEntries read-only; computed spans when fetched with since/until
 * @param renderedCoveragePercentage read-only; coverage of the requested window
 */
public record ScheduleLayer(
    @Nullable String id,
    @Nullable String name,
    OffsetDateTime start,
    @Nullable OffsetDateTime end,
    OffsetDateTime rotationVirtualStart,
    long rotationTurnLengthSeconds,
    List<ScheduleLayerUser> users,
    List<Restriction> restrictions,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ScheduleEntry> renderedScheduleEntries,
    @Nullable Double renderedCoveragePercentage) {

  public ScheduleLayer {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(rotationVirtualStart, "rotationVirtualStart");
    users = Lists.copy("users", users);
    restrictions = Lists.copy("restrictions", restrictions);
    renderedScheduleEntries = Lists.copy("renderedScheduleEntries", renderedScheduleEntries);
  }

  /** A builder for a new layer. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this layer (keeps its id, so an update edits this layer). */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.name = name;
    b.start = start;
    b.end = end;
    b.rotationVirtualStart = rotationVirtualStart;
    b.rotationTurnLengthSeconds = rotationTurnLengthSeconds;
    b.users.addAll(users);
    b.restrictions.addAll(restrictions);
    return b;
  }

  /** Builds a {@link ScheduleLayer}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable String name;
    private @Nullable OffsetDateTime start;
    private @Nullable OffsetDateTime end;
    private @Nullable OffsetDateTime rotationVirtualStart;
    private @Nullable Long rotationTurnLengthSeconds;
    private final List<ScheduleLayerUser> users = new ArrayList<>();
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

    /** Required. */
    public Builder start(OffsetDateTime start) {
      this.start = Objects.requireNonNull(start, "start");
      return this;
    }

    public Builder end(@Nullable OffsetDateTime end) {
      this.end = end;
      return this;
    }

    /** Defaults to {@code start}. */
    public Builder rotationVirtualStart(OffsetDateTime rotationVirtualStart) {
      this.rotationVirtualStart = Objects.requireNonNull(rotationVirtualStart, "rotationVirtualStart");
      return this;
    }

    /** Required; must be positive. */
    public Builder rotationTurnLengthSeconds(long seconds) {
      this.rotationTurnLengthSeconds = seconds;
      return this;
    }

    /** Appends a user id to the rotation. */
    public Builder addUser(String userId) {
      users.add(ScheduleLayerUser.of(userId));
      return this;
    }

    /** Replaces the rotation. */
    public Builder users(List<ScheduleLayerUser> users) {
      this.users.clear();
      this.users.addAll(users);
      return this;
    }

    public Builder addRestriction(Restriction restriction) {
      restrictions.add(Objects.requireNonNull(restriction, "restriction"));
      return this;
    }

    public Builder restrictions(List<Restriction> restrictions) {
      this.restrictions.clear();
      this.restrictions.addAll(restrictions);
      return this;
    }

    /**
     * Builds the layer.
     *
     * @throws IllegalStateException naming every missing or invalid field
     */
    public ScheduleLayer build() {
      List<String> problems = new ArrayList<>();
      if (start == null) {
        problems.add("start is required");
      }
      if (rotationTurnLengthSeconds == null) {
        problems.add("rotationTurnLengthSeconds is required");
      } else if (rotationTurnLengthSeconds <= 0) {
        problems.add("rotationTurnLengthSeconds must be positive, was " + rotationTurnLengthSeconds);
      }
      if (users.isEmpty()) {
        problems.add("users must name at least one user (addUser)");
      }
      if (start != null && end != null && !end.isAfter(start)) {
        problems.add("end " + end + " must be after start " + start);
      }
      Builders.check("ScheduleLayer", problems);
      OffsetDateTime virtualStart = rotationVirtualStart != null ? rotationVirtualStart : start;
      return new ScheduleLayer(id, name, start, end, virtualStart, rotationTurnLengthSeconds, users,
          restrictions, List.of(), null);
    }
  }
}
