package dev.pdkit.backup;

import java.util.Locale;

/**
 * The kinds of resource a backup holds, in the order a restore creates them (a kind only refers to
 * kinds before it).
 */
public enum BackupKind {
  USER,
  TEAM,
  /** A user's membership of a team, with its role; id is {@code teamId/userId}. */
  TEAM_MEMBERSHIP,
  SCHEDULE,
  /** A schedule override inside the backed-up future window; id is {@code scheduleId/overrideId}. */
  SCHEDULE_OVERRIDE,
  ESCALATION_POLICY,
  SERVICE,
  /** An integration of a service; id is {@code serviceId/integrationId}. Holds a secret key. */
  INTEGRATION,
  MAINTENANCE_WINDOW;

  /** The lower-case name used in archives, plans and {@code --only} filters ({@code escalation_policy}). */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@link #wire()}; accepts {@code -} for {@code _} and any case. */
  public static BackupKind fromWire(String wire) {
    try {
      return valueOf(wire.trim().replace('-', '_').toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown resource kind '" + wire + "'; expected one of "
          + java.util.Arrays.stream(values()).map(BackupKind::wire).toList(), e);
    }
  }
}
