package dev.pdkit.events;

import dev.pdkit.errors.PagerDutyException;

/** The {@link EventSender} was shut down; it accepts no more events. Build a new sender. */
public class SenderClosedException extends PagerDutyException {
  private static final long serialVersionUID = 1L;

  public SenderClosedException(String message) {
    super(message);
  }
}
