package dev.pdkit.model;

import java.time.OffsetDateTime;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An incident's assignment to a user.
 *
 * @param at when the assignment was made (null in requests)
 * @param assignee the assigned user
 */
public record Assignment(@Nullable OffsetDateTime at, Reference assignee) {
  public Assignment {
    Objects.requireNonNull(assignee, "assignee");
  }

  /** An assignment to user {@code userId}, for requests. */
  public static Assignment toUser(String userId) {
    return new Assignment(null, Reference.user(userId));
  }
}
