package dev.pdkit.deploy;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of an apply.
 *
 * @param plan the plan that was executed
 * @param applied the changes made, in order (equal to the plan's changes on success)
 */
public record ApplyResult(Plan plan, List<Change> applied) {
  public ApplyResult {
    Objects.requireNonNull(plan, "plan");
    applied = List.copyOf(applied);
  }
}
