package dev.pdkit.events;

import java.util.Locale;

/** The {@code event_action} of an alert event. */
public enum EventAction {
  /** Opens an alert, or adds to the open alert with the same dedup key. */
  TRIGGER,
  /** Acknowledges the open alert with the dedup key; dropped when none is open. */
  ACKNOWLEDGE,
  /** Resolves the open alert with the dedup key; dropped when none is open. */
  RESOLVE;

  /** The wire spelling: {@code trigger}, {@code acknowledge} or {@code resolve}. */
  public String wireValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
