package dev.pdkit.model;

import org.jspecify.annotations.Nullable;

/**
 * Whether a service pauses notifications of likely transient alerts, and for how long.
 *
 * @param enabled whether pausing is on
 * @param timeout seconds to pause (0 = recommended; 120, 180, 300, 600 or 900)
 * @param recommendedTimeout read-only recommended timeout
 */
public record AutoPauseNotificationsParameters(
    boolean enabled, @Nullable Integer timeout, @Nullable Integer recommendedTimeout) {

  /** Pausing on for {@code timeoutSeconds}. */
  public static AutoPauseNotificationsParameters enabled(int timeoutSeconds) {
    return new AutoPauseNotificationsParameters(true, timeoutSeconds, null);
  }

  /** Pausing off. */
  public static AutoPauseNotificationsParameters disabled() {
    return new AutoPauseNotificationsParameters(false, null, null);
  }
}
