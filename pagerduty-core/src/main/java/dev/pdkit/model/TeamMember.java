package dev.pdkit.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A member of a team, as listed by {@code GET /teams/{id}/members}.
 *
 * @param user the member
 * @param role the member's role in the team; {@code null} if PagerDuty sent none
 */
public record TeamMember(Reference user, @Nullable TeamRole role) {
  public TeamMember {
    Objects.requireNonNull(user, "user");
  }
}
