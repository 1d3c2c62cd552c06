package dev.pdkit.errors;

import org.jspecify.annotations.Nullable;

/**
 * An {@link dev.pdkit.spi.OutboxStore} could not do what was asked: its directory is locked by
 * another process, a file is corrupt, the disk failed, or the store is closed. The message names the
 * file or directory and what to do; it never contains an event payload.
 */
public class OutboxException extends PagerDutyException {
  private static final long serialVersionUID = 1L;

  public OutboxException(String message) {
    super(message);
  }

  public OutboxException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
