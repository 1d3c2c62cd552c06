package dev.pdkit.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One level of an escalation policy: notify {@code targets} (users or schedules), then escalate
 * after {@code escalationDelayInMinutes} if nobody acknowledged.
 *
 * @param id read-only rule id
 * @param escalationDelayInMinutes minutes before escalating to the next rule
 * @param targets 1 to 10 user or schedule references
 * @param escalationRuleAssignmentStrategy how the rule assigns incidents; null for the default
 */
public record EscalationRule(
    @Nullable String id,
    int escalationDelayInMinutes,
    List<Reference> targets,
    @Nullable AssignmentStrategy escalationRuleAssignmentStrategy) {

  /** How a rule assigns an incident among its targets. */
  public enum AssignmentStrategy {
    ROUND_ROBIN,
    ASSIGN_TO_EVERYONE,
    /** A strategy this SDK does not know. */
    UNKNOWN;

    /**
     * Reads the strategy in any of the shapes PagerDuty uses: a string, {@code {"type": "..."}} or
     * a one-element array of those (the spec's example).
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static @Nullable AssignmentStrategy fromJson(@Nullable Object json) {
      Object v = json;
      if (v instanceof List<?> list) {
        v = list.isEmpty() ? null : list.get(0);
      }
      if (v instanceof Map<?, ?> map) {
        v = map.get("type");
      }
      if (v == null) {
        return null;
      }
      String text = v.toString().toUpperCase(Locale.ROOT);
      return Arrays.stream(values()).filter(s -> s.name().equals(text)).findFirst().orElse(UNKNOWN);
    }

    @JsonValue
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public EscalationRule {
    targets = Lists.copy("targets", targets);
    if (escalationDelayInMinutes < 0) {
      throw new IllegalArgumentException(
          "escalationDelayInMinutes must be >= 0, was " + escalationDelayInMinutes);
    }
  }

  /** A new rule notifying {@code targets} and escalating after {@code delayMinutes}. */
  public static EscalationRule of(int delayMinutes, Reference... targets) {
    Objects.requireNonNull(targets, "targets");
    if (targets.length == 0 || targets.length > 10) {
      throw new IllegalArgumentException(
          "an escalation rule needs 1 to 10 targets, got " + targets.length);
    }
    return new EscalationRule(null, delayMinutes, new ArrayList<>(Arrays.asList(targets)), null);
  }

  /** This rule with another assignment strategy. */
  public EscalationRule withAssignmentStrategy(@Nullable AssignmentStrategy strategy) {
    return new EscalationRule(id, escalationDelayInMinutes, targets, strategy);
  }
}
