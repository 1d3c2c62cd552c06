package dev.pdkit.config;

import java.time.ZoneId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A user, keyed by e-mail. Users are only created or changed by pdkit when {@code managed}.
 *
 * @param email the stable key (lower-cased)
 * @param name display name, required when managed
 * @param role the PagerDuty API role ({@code user}, {@code limited_user}, {@code admin}, ...);
 *     the UI names {@code manager} and {@code responder} are accepted in files and mapped to
 *     {@code user} and {@code limited_user}; {@code null} when not set
 * @param timeZone the user's time zone, or {@code null} to keep PagerDuty's default
 * @param jobTitle optional job title
 * @param managed {@code manage: true}: pdkit creates and updates this user
 * @param adopt {@code adopt: true}: pdkit may take over an existing user with this e-mail
 */
public record UserSpec(
    String email,
    @Nullable String name,
    @Nullable String role,
    @Nullable ZoneId timeZone,
    @Nullable String jobTitle,
    boolean managed,
    boolean adopt) {
  public UserSpec {
    Objects.requireNonNull(email, "email");
  }
}
