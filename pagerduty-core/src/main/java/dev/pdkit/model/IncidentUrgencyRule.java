package dev.pdkit.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a service sets the urgency of new incidents: a constant urgency, or one urgency during
 * support hours and another outside them.
 *
 * @param type constant or use_support_hours
 * @param urgency the urgency for {@link Type#CONSTANT}
 * @param duringSupportHours the rule during support hours (for {@link Type#USE_SUPPORT_HOURS})
 * @param outsideSupportHours the rule outside support hours (for {@link Type#USE_SUPPORT_HOURS})
 */
public record IncidentUrgencyRule(
    Type type,
    @Nullable Urgency urgency,
    @Nullable IncidentUrgencyRule duringSupportHours,
    @Nullable IncidentUrgencyRule outsideSupportHours) {

  /** Kind of rule. */
  public enum Type {
    @JsonProperty("constant")
    CONSTANT,
    @JsonProperty("use_support_hours")
    USE_SUPPORT_HOURS,
    /** A value this SDK does not know. */
    @JsonEnumDefaultValue
    @JsonProperty("unknown")
    UNKNOWN
  }

  public IncidentUrgencyRule {
    type = type == null ? Type.CONSTANT : type;
  }

  /** Always {@code urgency}. */
  public static IncidentUrgencyRule constant(Urgency urgency) {
    return new IncidentUrgencyRule(Type.CONSTANT, Objects.requireNonNull(urgency, "urgency"), null,
        null);
  }

  /** {@code during} within support hours, {@code outside} otherwise. */
  public static IncidentUrgencyRule useSupportHours(Urgency during, Urgency outside) {
    return new IncidentUrgencyRule(Type.USE_SUPPORT_HOURS, null, constant(during), constant(outside));
  }
}
