package dev.pdkit.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A team.
 *
 * @param key stable key
 * @param name PagerDuty name, with the environment's name prefix applied
 * @param description optional description
 * @param members members by user e-mail, each with a team role
 * @param managed pdkit creates and updates it (default true)
 * @param adopt pdkit may take over an existing team with the same name
 */
public record TeamSpec(
    String key,
    String name,
    @Nullable String description,
    List<Member> members,
    boolean managed,
    boolean adopt) {

  public TeamSpec {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(name, "name");
    members = List.copyOf(members);
  }

  /** A team role. */
  public enum Role {
    MANAGER,
    RESPONDER,
    OBSERVER;

    /** The API spelling, e.g. {@code responder}. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One member: a user e-mail (resolved against {@link DesiredState#users()}) and a role. */
  public record Member(String user, Role role) {
    public Member {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(role, "role");
    }
  }
}
