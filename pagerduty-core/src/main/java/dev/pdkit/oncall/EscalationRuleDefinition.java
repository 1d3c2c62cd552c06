package dev.pdkit.oncall;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One level of an escalation policy: the targets notified, and how long to wait for an
 * acknowledgement before escalating to the next level.
 *
 * @param escalationDelayInMinutes minutes before escalating past this level, at least 0
 * @param targets 1..10 users or schedules, notified all together (PagerDuty's
 *     {@code assign_to_everyone}; round-robin assignment is not modelled)
 */
public record EscalationRuleDefinition(int escalationDelayInMinutes, List<EscalationTarget> targets) {

  /**
   * @throws OnCallException if the delay is negative or there are no targets or more than 10
   */
  public EscalationRuleDefinition {
    targets = List.copyOf(Objects.requireNonNull(targets, "targets"));
    if (escalationDelayInMinutes < 0) {
      throw new OnCallException(
          "escalation rule escalation_delay_in_minutes must be at least 0, was "
              + escalationDelayInMinutes);
    }
    if (targets.isEmpty() || targets.size() > 10) {
      throw new OnCallException(
          "escalation rule must have 1 to 10 targets, had " + targets.size());
    }
  }

  /** A rule with the given delay and targets. */
  public static EscalationRuleDefinition of(int delayMinutes, EscalationTarget... targets) {
    return new EscalationRuleDefinition(delayMinutes, List.of(targets));
  }

  /** The delay as a duration. */
  public Duration escalationDelay() {
    return Duration.ofMinutes(escalationDelayInMinutes);
  }
}
