package dev.pdkit.config.internal;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Resolves the type of a plain scalar with the YAML 1.2 core schema (not YAML 1.1: {@code no},
 * {@code on} and {@code 09:00} stay strings, which is what people mean in a config file).
 */
public final class Scalars {
  private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

  private Scalars() {}

  /** The typed value of a scalar's text. Quoted scalars are always strings. */
  public static @Nullable Object resolve(String text, boolean plain) {
    if (!plain) {
      return text;
    }
    switch (text) {
      case "", "~", "null", "Null", "NULL":
        return null;
      case "true", "True", "TRUE":
        return Boolean.TRUE;
      case "false", "False", "FALSE":
        return Boolean.FALSE;
      default:
        break;
    }
    char c = text.charAt(0);
    if (!(c >= '0' && c <= '9') && c != '-' && c != '+' && c != '.') {
      return text; // cannot be a number: skip the regexes (most scalars are words)
    }
    if (INT.matcher(text).matches()) {
      try {
        return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
      } catch (NumberFormatException tooBig) {
        return text;
      }
    }
    if (FLOAT.matcher(text).matches() && text.chars().anyMatch(Character::isDigit)) {
      return Double.parseDouble(text);
    }
    return text;
  }
}
