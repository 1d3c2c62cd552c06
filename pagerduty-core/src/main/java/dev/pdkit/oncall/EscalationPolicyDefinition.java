package dev.pdkit.oncall;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An escalation policy as the engine sees it: ordered rules (level 1 first) and how many times the
 * whole policy repeats after the last rule.
 *
 * @param id PagerDuty escalation policy id, if known
 * @param rules levels in order, at least one
 * @param numLoops extra passes after the first (PagerDuty {@code num_loops}, default 0)
 */
public record EscalationPolicyDefinition(
    @Nullable String id, List<EscalationRuleDefinition> rules, int numLoops) {

  /**
   * @throws OnCallException if there are no rules or {@code numLoops} is negative
   */
  public EscalationPolicyDefinition {
    rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
    String label = id == null ? "escalation policy" : "escalation policy " + id;
    if (rules.isEmpty()) {
      throw new OnCallException(label + ": escalation_rules must contain at least one rule");
    }
    if (numLoops < 0) {
      throw new OnCallException(label + ": num_loops must be at least 0, was " + numLoops);
    }
  }

  /** The number of levels (rules). */
  public int levels() {
    return rules.size();
  }

  /**
   * The rule at a 1-based level.
   *
   * @throws OnCallException if the level does not exist
   */
  public EscalationRuleDefinition rule(int level) {
    if (level < 1 || level > rules.size()) {
      throw new OnCallException(
          (id == null ? "escalation policy" : "escalation policy " + id)
              + " has levels 1.."
              + rules.size()
              + ", not "
              + level);
    }
    return rules.get(level - 1);
  }

  /**
   * Converts a REST escalation policy: {@code num_loops} null reads as 0; targets of type
   * user/user_reference and schedule/schedule_reference/schedule_v3_reference are understood.
   *
   * @throws OnCallException naming the level and target if something cannot be converted
   */
  public static EscalationPolicyDefinition from(dev.pdkit.model.EscalationPolicy policy) {
    return ModelAdapters.policy(Objects.requireNonNull(policy, "policy"));
  }

  /** A builder; at least one rule is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Mutable, not thread-safe builder of {@link EscalationPolicyDefinition}. */
  public static final class Builder {
    private @Nullable String id;
    private final List<EscalationRuleDefinition> rules = new ArrayList<>();
    private int numLoops;

    private Builder() {}

    public Builder id(@Nullable String id) {
      this.id = id;
      return this;
    }

    /** Appends the next level. */
    public Builder addRule(EscalationRuleDefinition rule) {
      rules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Appends the next level. */
    public Builder addRule(int delayMinutes, EscalationTarget... targets) {
      return addRule(EscalationRuleDefinition.of(delayMinutes, targets));
    }

    public Builder numLoops(int numLoops) {
      this.numLoops = numLoops;
      return this;
    }

    /**
     * @throws OnCallException if no rule was added or a value is invalid
     */
    public EscalationPolicyDefinition build() {
      return new EscalationPolicyDefinition(id, rules, numLoops);
    }
  }
}
