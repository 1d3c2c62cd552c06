package dev.pdkit.deploy;

import dev.pdkit.errors.PagerDutyException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A deploy could not be planned or applied; the message says which resource and what to do. When an
 * apply failed after writing, {@link #rollbackReport()} says what the automatic rollback undid and,
 * if it could not finish, what is left to do by hand (the message says the same).
 */
public class DeployException extends PagerDutyException {
  private static final long serialVersionUID = 1L;

  private final transient @Nullable RollbackReport rollbackReport;

  public DeployException(String message) {
    this(message, null, null);
  }

  public DeployException(String message, @Nullable Throwable cause) {
    this(message, cause, null);
  }

  /** A failed apply with the report of its rollback. */
  public DeployException(String message, @Nullable Throwable cause, @Nullable RollbackReport rollbackReport) {
    super(message, cause);
    this.rollbackReport = rollbackReport;
  }

  /** The rollback of a failed apply; empty when the deploy failed before writing anything. */
  public Optional<RollbackReport> rollbackReport() {
    return Optional.ofNullable(rollbackReport);
  }
}
