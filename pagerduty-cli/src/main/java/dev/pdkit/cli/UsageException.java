package dev.pdkit.cli;

/**
 * Bad usage or invalid input found by a command itself (exit code 2). The message is the whole
 * error line after {@code pdkit: error: }: it names the option or field and says what to do.
 */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }

  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
