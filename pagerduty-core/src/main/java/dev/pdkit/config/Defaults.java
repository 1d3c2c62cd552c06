package dev.pdkit.config;

import java.time.ZoneId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@code defaults:} section after the overlay.
 *
 * @param timeZone default time zone of schedules and users ({@code UTC} when not set)
 * @param from e-mail sent as the {@code From} header on write calls, or {@code null}
 * @param namePrefix prepended to team, schedule, escalation policy and service names (already
 *     applied to the names in {@link DesiredState}); empty when not set
 */
public record Defaults(ZoneId timeZone, @Nullable String from, String namePrefix) {
  public Defaults {
    Objects.requireNonNull(timeZone, "timeZone");
    Objects.requireNonNull(namePrefix, "namePrefix");
  }
}
