package dev.pdkit.deploy;

import java.util.Locale;

/** Kinds of resources a deploy manages, in dependency order (creates and updates run in this order). */
public enum ResourceKind {
  USER,
  TEAM,
  SCHEDULE,
  ESCALATION_POLICY,
  SERVICE,
  INTEGRATION;

  /** Lower-case name with underscores, as used in plan output, e.g. {@code escalation_policy}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
