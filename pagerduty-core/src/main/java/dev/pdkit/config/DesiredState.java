package dev.pdkit.config;

import dev.pdkit.Secret;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The validated, merged config of one environment: what PagerDuty should look like. Immutable and
 * thread-safe. Every reference between resources is resolved (a service's escalation policy
 * exists, every user e-mail is declared under {@code users:}, ...), so {@code deploy} can create
 * resources in the order users, teams, schedules, escalation policies, services.
 *
 * <p>Lists keep file order; look items up by their stable key with {@link #service(String)} and
 * friends. Secrets are {@link Secret}s and print as {@code <redacted>}.
 *
 * @param environment the environment name, e.g. {@code production}
 * @param protectedEnvironment {@code protected: true}: applying needs an approved plan
 * @param approvals approval settings, or {@code null} when none are configured
 * @param defaults the merged defaults
 * @param users declared users
 * @param teams teams
 * @param schedules schedules
 * @param escalationPolicies escalation policies
 * @param services services
 * @param templates compiled templates (inline and {@code config/templates/*.mustache})
 * @param secrets decrypted {@code secrets:} by name
 * @param warnings problems that did not make the config invalid
 * @param contentHash SHA-256 (hex) over the environment and every file read; equal hashes mean
 *     equal input
 */
public record DesiredState(
    String environment,
    boolean protectedEnvironment,
    @Nullable Approvals approvals,
    Defaults defaults,
    List<UserSpec> users,
    List<TeamSpec> teams,
    List<ScheduleSpec> schedules,
    List<EscalationPolicySpec> escalationPolicies,
    List<ServiceSpec> services,
    Templates templates,
    Map<String, Secret> secrets,
    List<ConfigProblem> warnings,
    String contentHash) {

  public DesiredState {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(defaults, "defaults");
    Objects.requireNonNull(templates, "templates");
    Objects.requireNonNull(contentHash, "contentHash");
    users = List.copyOf(users);
    teams = List.copyOf(teams);
    schedules = List.copyOf(schedules);
    escalationPolicies = List.copyOf(escalationPolicies);
    services = List.copyOf(services);
    secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
    warnings = List.copyOf(warnings);
  }

  /** The user with this e-mail (case-insensitive). */
  public Optional<UserSpec> user(String email) {
    Objects.requireNonNull(email, "email");
    String e = email.toLowerCase(Locale.ROOT);
    return users.stream().filter(u -> u.email().equals(e)).findFirst();
  }

  public Optional<TeamSpec> team(String key) {
    Objects.requireNonNull(key, "key");
    return teams.stream().filter(t -> t.key().equals(key)).findFirst();
  }

  public Optional<ScheduleSpec> schedule(String key) {
    Objects.requireNonNull(key, "key");
    return schedules.stream().filter(s -> s.key().equals(key)).findFirst();
  }

  public Optional<EscalationPolicySpec> escalationPolicy(String key) {
    Objects.requireNonNull(key, "key");
    return escalationPolicies.stream().filter(p -> p.key().equals(key)).findFirst();
  }

  public Optional<ServiceSpec> service(String key) {
    Objects.requireNonNull(key, "key");
    return services.stream().filter(s -> s.key().equals(key)).findFirst();
  }

  /** A decrypted secret from {@code secrets:}. */
  public Optional<Secret> secret(String name) {
    Objects.requireNonNull(name, "name");
    return Optional.ofNullable(secrets.get(name));
  }
}
