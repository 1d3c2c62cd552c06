package dev.pdkit.oncall;

import java.util.Objects;

/**
 * Who an escalation rule notifies: a user directly, or whoever is on call on a schedule.
 *
 * @param type user or schedule
 * @param id the user or schedule id
 */
public record EscalationTarget(Type type, String id) {

  /** Target kinds. */
  public enum Type {
    USER,
    SCHEDULE
  }

  /**
   * @throws OnCallException if the id is blank
   */
  public EscalationTarget {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new OnCallException("escalation target id must not be blank");
    }
  }

  /** A user target. */
  public static EscalationTarget user(String userId) {
    return new EscalationTarget(Type.USER, userId);
  }

  /** A schedule target. */
  public static EscalationTarget schedule(String scheduleId) {
    return new EscalationTarget(Type.SCHEDULE, scheduleId);
  }
}
