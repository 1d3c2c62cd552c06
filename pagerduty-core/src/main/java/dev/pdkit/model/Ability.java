package dev.pdkit.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * An account ability: a named feature the account's plan includes, e.g. {@code teams} or {@code
 * service_support_hours}. On the wire an ability is a bare string. PagerDuty answers 402 (Payment
 * Required) to calls that need an ability the account lacks.
 *
 * @param name the ability name as PagerDuty spells it
 */
public record Ability(String name) {
  /** Teams may be created and used. */
  public static final Ability TEAMS = new Ability("teams");
  /** Incidents may have low urgency and urgency rules. */
  public static final Ability URGENCIES = new Ability("urgencies");
  /** Services may have support hours. */
  public static final Ability SERVICE_SUPPORT_HOURS = new Ability("service_support_hours");
  /** Read-only users may be created. */
  public static final Ability READ_ONLY_USERS = new Ability("read_only_users");

  public Ability {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("ability name must not be blank");
    }
  }

  /** The ability called {@code name}. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Ability of(String name) {
    return new Ability(name);
  }

  @JsonValue
  @Override
  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return name;
  }
}
