package dev.pdkit.escalation;

import dev.pdkit.errors.PagerDutyException;
import dev.pdkit.model.Urgency;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An app-side escalation rule: "a triggered (unacknowledged) incident of this urgency, open for at
 * least {@code unacknowledgedFor}, is escalated to {@code escalateToLevel} and gets a note".
 *
 * @param name unique rule name; it is written into the note and makes re-runs idempotent
 * @param urgency only incidents of this urgency; null for any
 * @param unacknowledgedFor minimum time since the incident was created
 * @param escalateToLevel target escalation level, at least 1
 * @param note text added to the incident after the rule's marker
 */
public record AutoEscalationRule(
    String name, @Nullable Urgency urgency, Duration unacknowledgedFor, int escalateToLevel, String note) {

  /**
   * @throws PagerDutyException if the name is blank, the duration negative or the level below 1
   */
  public AutoEscalationRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unacknowledgedFor, "unacknowledgedFor");
    Objects.requireNonNull(note, "note");
    if (name.isBlank() || name.contains("]")) {
      throw new PagerDutyException("escalation rule name must be non-blank and must not contain ']'");
    }
    if (unacknowledgedFor.isNegative()) {
      throw new PagerDutyException("escalation rule '" + name + "': unacknowledgedFor must not be negative");
    }
    if (escalateToLevel < 1) {
      throw new PagerDutyException(
          "escalation rule '" + name + "': escalateToLevel must be at least 1, was " + escalateToLevel);
    }
  }

  /** The marker that starts the note this rule leaves on an incident. */
  public String marker() {
    return "[pdkit-escalation-rule:" + name + "]";
  }
}
