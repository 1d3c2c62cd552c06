package dev.pdkit.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An escalation policy: the ordered rules an incident walks through until acknowledged. Build with
 * {@link #builder()}.
 *
 * @param id server id (null before creation)
 * @param type always {@code escalation_policy}
 * @param summary read-only label
 * @param self read-only API URL
 * @param htmlUrl read-only web URL
 * @param name the policy name
 * @param description free text
 * @param numLoops how many times the policy repeats after the last rule (null = server default 0)
 * @param onCallHandoffNotifications when on-call handoff notifications are sent
 * @param escalationRules the rules, first to last
 * @param services read-only; services using the policy
 * @param teams at most one team (needs the {@code teams} ability)
 */
public record EscalationPolicy(
    @Nullable String id,
    String type,
    @Nullable String summary,
    @Nullable String self,
    @Nullable String htmlUrl,
    String name,
    @Nullable String description,
    @Nullable Integer numLoops,
    @Nullable HandoffNotifications onCallHandoffNotifications,
    List<EscalationRule> escalationRules,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Reference> services,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Reference> teams) {

  /** When on-call handoff notifications are sent. */
  public enum HandoffNotifications {
    @JsonProperty("if_has_services")
    IF_HAS_SERVICES,
    @JsonProperty("always")
    ALWAYS,
    /** A value this SDK does not know. */
    @JsonEnumDefaultValue
    @JsonProperty("unknown")
    UNKNOWN
  }

  public EscalationPolicy {
    type = type == null ? "escalation_policy" : type;
    Objects.requireNonNull(name, "name");
    escalationRules = Lists.copy("escalationRules", escalationRules);
    services = Lists.copy("services", services);
    teams = Lists.copy("teams", teams);
  }

  /** This policy as a reference. */
  public Reference reference() {
    return Reference.escalationPolicy(Lists.require(id, "id"));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder with this policy's writable fields (id included). */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.name = name;
    b.description = description;
    b.numLoops = numLoops;
    b.handoff = onCallHandoffNotifications;
    b.rules.addAll(escalationRules);
    b.teams.addAll(teams);
    return b;
  }

  /** Builds an {@link EscalationPolicy}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable String name;
    private @Nullable String description;
    private @Nullable Integer numLoops;
    private @Nullable HandoffNotifications handoff;
    private final List<EscalationRule> rules = new ArrayList<>();
    private final List<Reference> teams = new ArrayList<>();

    private Builder() {}

    public Builder id(@Nullable String id) {
      this.id = id;
      return this;
    }

    /** Required. */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    public Builder description(@Nullable String description) {
      this.description = description;
      return this;
    }

    /** Repeats after the last rule, {@code >= 0}. */
    public Builder numLoops(int numLoops) {
      this.numLoops = numLoops;
      return this;
    }

    public Builder onCallHandoffNotifications(@Nullable HandoffNotifications value) {
      this.handoff = value;
      return this;
    }

    /** Appends a rule; at least one is required. */
    public Builder addRule(EscalationRule rule) {
      rules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    public Builder rules(List<EscalationRule> rules) {
      this.rules.clear();
      this.rules.addAll(rules);
      return this;
    }

    /** Sets the (single) team of the policy; null for none. */
    public Builder team(@Nullable String teamId) {
      teams.clear();
      if (teamId != null) {
        teams.add(Reference.team(teamId));
      }
      return this;
    }

    /** @throws IllegalStateException naming every missing or invalid field */
    public EscalationPolicy build() {
      List<String> problems = new ArrayList<>();
      if (name == null || name.isBlank()) {
        problems.add("name is required");
      }
      if (rules.isEmpty()) {
        problems.add("at least one escalation rule is required (addRule)");
      }
      for (int i = 0; i < rules.size(); i++) {
        int n = rules.get(i).targets().size();
        if (n < 1 || n > 10) {
          problems.add("escalationRules[" + i + "] needs 1 to 10 targets, has " + n);
        }
      }
      if (numLoops != null && numLoops < 0) {
        problems.add("numLoops must be >= 0, was " + numLoops);
      }
      Builders.check("EscalationPolicy", problems);
      return new EscalationPolicy(id, "escalation_policy", null, null, null, name, description,
          numLoops, handoff, rules, List.of(), teams);
    }
  }
}
