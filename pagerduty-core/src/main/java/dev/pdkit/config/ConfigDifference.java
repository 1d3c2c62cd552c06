package dev.pdkit.config;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One difference between the effective configs of two environments
 * ({@link ConfigLoader#diff(String, String)}).
 *
 * @param path where, with keyed list items addressed by key, e.g. {@code services[checkout-api].urgency}
 * @param left the value in the first environment, or {@code null} if absent there
 * @param right the value in the second environment, or {@code null} if absent there
 */
public record ConfigDifference(String path, @Nullable String left, @Nullable String right) {
  public ConfigDifference {
    Objects.requireNonNull(path, "path");
  }

  /** {@code ~ path: left -> right}, {@code - path: left} or {@code + path: right}. */
  public String format() {
    if (left == null) {
      return "+ " + path + ": " + right;
    } else if (right == null) {
      return "- " + path + ": " + left;
    }
    return "~ " + path + ": " + left + " -> " + right;
  }

  @Override
  public String toString() {
    return format();
  }
}
