package dev.pdkit.errors;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A backup archive could not be written, read or verified, or a backup store failed. {@link
 * #reason()} says which kind of failure it is (so a caller can tell a wrong key from a damaged
 * file); the message is one line naming the archive, what failed and what to do. It never contains
 * a passphrase, key material or record contents.
 */
public class BackupException extends PagerDutyException {
  private static final long serialVersionUID = 1L;

  /** What kind of failure. */
  public enum Reason {
    /** The file is not a pdkit backup archive at all. */
    NOT_AN_ARCHIVE,
    /** The archive was made by a newer format version, or uses an unknown feature. */
    UNSUPPORTED,
    /** The passphrase does not open the archive. */
    WRONG_PASSPHRASE,
    /** The given private key is not one of the archive's recipients, or no usable key was given. */
    WRONG_KEY,
    /** Some bytes were altered: authentication, a checksum or the manifest did not match. */
    TAMPERED,
    /** The archive ends early (an interrupted write or copy). */
    TRUNCATED,
    /** Reading or writing the file or store failed (disk, permissions). */
    IO
  }

  private final Reason reason;

  public BackupException(Reason reason, String message) {
    this(reason, message, null);
  }

  public BackupException(Reason reason, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** What kind of failure this is. */
  public Reason reason() {
    return reason;
  }

  /**
   * The same failure with {@code where} (a file name) prefixed to its message, unless already
   * there.
   */
  public BackupException in(String where) {
    String m = String.valueOf(getMessage());
    if (m.startsWith(where + ": ")) {
      return this;
    }
    BackupException e = new BackupException(reason, where + ": " + m, getCause());
    e.setStackTrace(getStackTrace());
    return e;
  }
}
