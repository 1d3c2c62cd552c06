package dev.pdkit.events;

import dev.pdkit.errors.PagerDutyException;

/**
 * {@link EventSender#submit} could not accept an event because the sender's queue is full (see
 * {@link OverflowPolicy}). The event was not stored; submit it again later, raise {@code
 * queueCapacity}, or choose another overflow policy.
 */
public class QueueFullException extends PagerDutyException {
  private static final long serialVersionUID = 1L;

  public QueueFullException(String message) {
    super(message);
  }
}
