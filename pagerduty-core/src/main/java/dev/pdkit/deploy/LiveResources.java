package dev.pdkit.deploy;

import dev.pdkit.PagerDuty;
import dev.pdkit.config.DesiredState;
import dev.pdkit.config.EscalationPolicySpec;
import dev.pdkit.config.ScheduleSpec;
import dev.pdkit.config.ServiceSpec;
import dev.pdkit.config.TeamSpec;
import dev.pdkit.deploy.internal.Markers;
import dev.pdkit.model.EscalationPolicy;
import dev.pdkit.model.Schedule;
import dev.pdkit.model.Service;
import dev.pdkit.model.Team;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds the live PagerDuty resource a config key stands for, the way {@link Deployer} does: a
 * managed resource carries the marker {@code [pdkit:env=<environment>;key=<key>]} at the end of its
 * description; a resource the config does not manage ({@code manage: false}) is found by its exact
 * name; one the config may {@code adopt} is found by name until the first deploy marks it.
 *
 * <pre>{@code
 * DesiredState desired = ConfigLoader.forDirectory(Path.of("config")).load("production");
 * String policyId = LiveResources.idOf(pd, desired, ResourceKind.ESCALATION_POLICY, "platform")
 *     .orElseThrow(() -> new IllegalStateException("not deployed yet"));
 * }</pre>
 *
 * <p>Each call lists the resources of one kind (paginated reads); nothing is cached. Thread-safe.
 */
public final class LiveResources {
  private LiveResources() {}

  /**
   * Every live resource of {@code kind} that carries a marker of {@code environment}, by key (in
   * the order PagerDuty lists them).
   *
   * @param kind team, schedule, escalation policy or service
   * @throws IllegalArgumentException for {@link ResourceKind#USER} and {@link
   *     ResourceKind#INTEGRATION}, which carry no marker
   */
  public static Map<String, String> markedIds(PagerDuty pd, ResourceKind kind, String environment) {
    Objects.requireNonNull(pd, "pd");
    Objects.requireNonNull(environment, "environment");
    Map<String, String> out = new LinkedHashMap<>();
    for (Live r : list(pd, kind)) {
      Markers.Marker m = Markers.parse(r.description());
      if (m != null && m.environment().equals(environment)) {
        out.putIfAbsent(m.key(), r.id());
      }
    }
    return out;
  }

  /**
   * The live id of the resource that {@code key} of {@code desired} (one environment's config)
   * stands for, or empty when it does not exist live (not deployed yet).
   *
   * @throws IllegalArgumentException if the config has no {@code kind} with this key, or for users
   *     and integrations
   */
  public static Optional<String> idOf(PagerDuty pd, DesiredState desired, ResourceKind kind, String key) {
    Objects.requireNonNull(pd, "pd");
    Objects.requireNonNull(desired, "desired");
    Objects.requireNonNull(key, "key");
    Spec spec = spec(desired, kind, key);
    List<Live> live = list(pd, kind);
    if (spec.managed()) {
      for (Live r : live) {
        Markers.Marker m = Markers.parse(r.description());
        if (m != null && m.environment().equals(desired.environment()) && m.key().equals(key)) {
          return Optional.of(r.id());
        }
      }
    }
    if (!spec.managed() || spec.adopt()) {
      for (Live r : live) {
        if (spec.name().equals(r.name()) && (!spec.managed() || Markers.parse(r.description()) == null)) {
          return Optional.of(r.id());
        }
      }
    }
    return Optional.empty();
  }

  /** The keys of every {@code kind} the config defines, in config order. */
  public static List<String> keys(DesiredState desired, ResourceKind kind) {
    Objects.requireNonNull(desired, "desired");
    List<String> keys = new ArrayList<>();
    switch (kind) {
      case TEAM -> desired.teams().forEach(t -> keys.add(t.key()));
      case SCHEDULE -> desired.schedules().forEach(s -> keys.add(s.key()));
      case ESCALATION_POLICY -> desired.escalationPolicies().forEach(p -> keys.add(p.key()));
      case SERVICE -> desired.services().forEach(s -> keys.add(s.key()));
      default -> throw unsupported(kind);
    }
    return keys;
  }

  private record Spec(String name, boolean managed, boolean adopt) {}

  private record Live(String id, @Nullable String name, @Nullable String description) {}

  private static Spec spec(DesiredState d, ResourceKind kind, String key) {
    Optional<Spec> s = switch (kind) {
      case TEAM -> d.team(key).map((TeamSpec t) -> new Spec(t.name(), t.managed(), t.adopt()));
      case SCHEDULE -> d.schedule(key).map((ScheduleSpec t) -> new Spec(t.name(), t.managed(), t.adopt()));
      case ESCALATION_POLICY -> d.escalationPolicy(key)
          .map((EscalationPolicySpec t) -> new Spec(t.name(), t.managed(), t.adopt()));
      case SERVICE -> d.service(key).map((ServiceSpec t) -> new Spec(t.name(), t.managed(), t.adopt()));
      default -> throw unsupported(kind);
    };
    return s.orElseThrow(() -> new IllegalArgumentException("the " + d.environment() + " config has no "
        + kind.wire().replace('_', ' ') + " with key '" + key + "'; known keys: " + known(keys(d, kind))));
  }

  private static String known(List<String> keys) {
    return keys.isEmpty() ? "(none)" : String.join(", ", keys);
  }

  private static List<Live> list(PagerDuty pd, ResourceKind kind) {
    List<Live> out = new ArrayList<>();
    switch (kind) {
      case TEAM -> {
        for (Team t : pd.teams().list()) {
          out.add(new Live(Objects.requireNonNull(t.id()), t.name(), t.description()));
        }
      }
      case SCHEDULE -> {
        for (Schedule s : pd.schedules().list()) {
          out.add(new Live(Objects.requireNonNull(s.id()), s.name(), s.description()));
        }
      }
      case ESCALATION_POLICY -> {
        for (EscalationPolicy p : pd.escalationPolicies().list()) {
          out.add(new Live(Objects.requireNonNull(p.id()), p.name(), p.description()));
        }
      }
      case SERVICE -> {
        for (Service s : pd.services().list()) {
          out.add(new Live(Objects.requireNonNull(s.id()), s.name(), s.description()));
        }
      }
      default -> throw unsupported(kind);
    }
    return out;
  }

  private static IllegalArgumentException unsupported(ResourceKind kind) {
    return new IllegalArgumentException(kind.wire() + "s carry no deploy marker; look them up by e-mail or id");
  }
}
