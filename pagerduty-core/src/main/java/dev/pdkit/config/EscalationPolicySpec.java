package dev.pdkit.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An escalation policy.
 *
 * @param key stable key
 * @param name PagerDuty name, with the name prefix applied
 * @param description optional
 * @param team the owning team's key, or {@code null}
 * @param numLoops how often the rules repeat after the last one (0..9, default 0)
 * @param rules the rules in order; each has at least one target
 * @param managed pdkit creates and updates it (default true)
 * @param adopt pdkit may take over an existing policy with the same name
 */
public record EscalationPolicySpec(
    String key,
    String name,
    @Nullable String description,
    @Nullable String team,
    int numLoops,
    List<Rule> rules,
    boolean managed,
    boolean adopt) {

  public EscalationPolicySpec {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(name, "name");
    rules = List.copyOf(rules);
  }

  /**
   * One escalation rule.
   *
   * @param delay how long before escalating to the next rule (whole minutes, at least 1)
   * @param targets who is notified
   */
  public record Rule(Duration delay, List<Target> targets) {
    public Rule {
      Objects.requireNonNull(delay, "delay");
      targets = List.copyOf(targets);
    }
  }

  /**
   * A rule target: a schedule key or a user e-mail, written {@code schedule:platform-primary} or
   * {@code user:carol@example.com}.
   */
  public record Target(Kind kind, String ref) {
    public Target {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(ref, "ref");
    }

    /** Target kinds. */
    public enum Kind {
      USER,
      SCHEDULE
    }

    /** {@code kind:ref} as written in the config. */
    @Override
    public String toString() {
      return kind.name().toLowerCase(Locale.ROOT) + ":" + ref;
    }
  }
}
