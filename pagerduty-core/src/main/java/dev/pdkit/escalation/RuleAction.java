package dev.pdkit.escalation;

import java.util.Objects;

/**
 * What one rule did (or found already done) to one incident.
 *
 * @param ruleName the rule
 * @param incidentId the incident
 * @param level the level escalated to
 * @param applied true when this run escalated and noted; false when an earlier run already had
 */
public record RuleAction(String ruleName, String incidentId, int level, boolean applied) {
  public RuleAction {
    Objects.requireNonNull(ruleName, "ruleName");
    Objects.requireNonNull(incidentId, "incidentId");
  }
}
