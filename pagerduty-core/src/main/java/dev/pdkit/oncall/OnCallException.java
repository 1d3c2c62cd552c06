package dev.pdkit.oncall;

import dev.pdkit.errors.PagerDutyException;

/**
 * Thrown when a schedule or escalation policy definition is invalid, or when a computation cannot be
 * carried out (an escalation policy names a schedule the engine does not know, a level that does not
 * exist). The message names the offending field and says what to do.
 */
public class OnCallException extends PagerDutyException {
  private static final long serialVersionUID = 1L;

  public OnCallException(String message) {
    super(message);
  }
}
