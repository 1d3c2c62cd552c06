package dev.pdkit.deploy;

import java.util.Objects;

/**
 * An apply was refused before anything was written: the environment is protected and the plan is not
 * (validly) approved, or the saved plan no longer matches the config or PagerDuty. {@link #reason()}
 * says which; the message says what to do.
 */
public final class DeployRefusedException extends DeployException {
  private static final long serialVersionUID = 1L;

  /** Why an apply was refused. */
  public enum Reason {
    /** A protected environment was applied without a saved plan, or the plan has too few approvals. */
    NOT_APPROVED,
    /** A signature by a configured approver key does not verify over the plan hash. */
    BAD_SIGNATURE,
    /** The TOTP code is not the code of the current 30-second step (or one either side). */
    BAD_TOTP,
    /** The protected environment has no approval method configured. */
    NO_APPROVERS,
    /** The saved plan is for another environment. */
    WRONG_ENVIRONMENT,
    /** The config changed since the plan was made. */
    STALE_DESIRED,
    /** PagerDuty changed since the plan was made. */
    STALE_LIVE
  }

  private final Reason reason;

  public DeployRefusedException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why the apply was refused. */
  public Reason reason() {
    return reason;
  }
}
