package dev.pdkit.backup;

import dev.pdkit.errors.PagerDutyException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A restore was refused or failed. When it failed part-way, every change it had made was undone in
 * reverse order; {@link #rollbackFailures()} lists the undo steps that failed too (empty when the
 * target is back as it was). The message is one line and names the step and what to do.
 */
public class RestoreException extends PagerDutyException {
  private static final long serialVersionUID = 1L;

  private final int rolledBack;
  private final List<String> rollbackFailures;

  public RestoreException(String message) {
    this(message, null, 0, List.of());
  }

  public RestoreException(String message, @Nullable Throwable cause, int rolledBack,
      List<String> rollbackFailures) {
    super(message, cause);
    this.rolledBack = rolledBack;
    this.rollbackFailures = List.copyOf(rollbackFailures);
  }

  /** Changes undone after the failure. */
  public int rolledBack() {
    return rolledBack;
  }

  /** Undo steps that failed, each naming the resource; empty when the rollback was complete. */
  public List<String> rollbackFailures() {
    return rollbackFailures;
  }
}
