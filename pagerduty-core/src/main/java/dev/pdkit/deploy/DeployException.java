package dev.pdkit.deploy;

import dev.pdkit.errors.PagerDutyException;
import org.jspecify.annotations.Nullable;

/** A deploy could not be planned or applied; the message says which resource and what to do. */
public class DeployException extends PagerDutyException {
  private static final long serialVersionUID = 1L;

  public DeployException(String message) {
    super(message);
  }

  public DeployException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
