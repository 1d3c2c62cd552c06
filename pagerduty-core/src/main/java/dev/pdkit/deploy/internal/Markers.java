package dev.pdkit.deploy.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The managed marker {@code [pdkit:env=<environment>;key=<key>]} at the end of a description. It
 * identifies a managed resource independent of its name, so renames update in place.
 */
public final class Markers {
  private static final Pattern MARKER = Pattern.compile("\\s*\\[pdkit:env=([^;\\]]+);key=([^\\]]+)]\\s*$");

  private Markers() {}

  /** A parsed marker. */
  public record Marker(String environment, String key) {}

  /** The marker text for a resource. */
  public static String marker(String environment, String key) {
    return "[pdkit:env=" + environment + ";key=" + key + "]";
  }

  /** The description to send: the user's description (if any), a blank line, then the marker. */
  public static String describe(@Nullable String description, String environment, String key) {
    String d = description == null ? "" : description.strip();
    return d.isEmpty() ? marker(environment, key) : d + "\n\n" + marker(environment, key);
  }

  /** The marker in a live description, or {@code null}. */
  public static @Nullable Marker parse(@Nullable String description) {
    if (description == null) {
      return null;
    }
    Matcher m = MARKER.matcher(description);
    return m.find() ? new Marker(m.group(1), m.group(2)) : null;
  }

  /** The live description without marker and surrounding blanks; {@code null} when nothing is left. */
  public static @Nullable String strip(@Nullable String description) {
    if (description == null) {
      return null;
    }
    String d = MARKER.matcher(description).replaceFirst("").strip();
    return d.isEmpty() ? null : d;
  }
}
