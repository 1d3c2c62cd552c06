package dev.pdkit.deploy;

/**
 * A saved plan file cannot be used: missing, not JSON, of an unknown format version, or edited after
 * it was written. The message names the file and what to do (usually: make a new plan).
 */
public final class PlanFileException extends DeployException {
  private static final long serialVersionUID = 1L;

  public PlanFileException(String message) {
    super(message);
  }
}
