package dev.pdkit.model;

import java.util.Objects;

/**
 * An action a service takes at a named time, today only "raise urgency to high at the start or end
 * of support hours".
 *
 * @param type always {@code urgency_change}
 * @param at when it happens
 * @param toUrgency the new urgency ({@code high})
 */
public record ScheduledAction(String type, At at, Urgency toUrgency) {

  /**
   * A named point in time.
   *
   * @param type always {@code named_time}
   * @param name {@code support_hours_start} or {@code support_hours_end}
   */
  public record At(String type, String name) {
    public At {
      type = type == null ? "named_time" : type;
      Objects.requireNonNull(name, "name");
    }
  }

  public ScheduledAction {
    type = type == null ? "urgency_change" : type;
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(toUrgency, "toUrgency");
  }

  /** Raise urgency to high when support hours start. */
  public static ScheduledAction urgencyHighAtSupportHoursStart() {
    return urgencyHighAt("support_hours_start");
  }

  /** Raise urgency to high at {@code namedTime} ({@code support_hours_start|end}). */
  public static ScheduledAction urgencyHighAt(String namedTime) {
    return new ScheduledAction("urgency_change",
        new At("named_time", Objects.requireNonNull(namedTime, "namedTime")), Urgency.HIGH);
  }
}
