package dev.pdkit.config;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One problem found in a config folder.
 *
 * @param severity {@link Severity#ERROR} makes the config invalid; a {@link Severity#WARNING} does
 *     not
 * @param file the file as the user named it, e.g. {@code config/services/checkout.yaml}
 * @param line 1-based line, or 0 when the problem concerns a whole file or folder
 * @param column 1-based column, or 0 with line 0
 * @param path the path of the value inside its file, e.g. {@code escalation_policies[0].rules[1].delay};
 *     empty for the whole file
 * @param message what is wrong; never contains a secret
 * @param hint what to do about it, or {@code null}
 */
public record ConfigProblem(
    Severity severity,
    String file,
    int line,
    int column,
    String path,
    String message,
    @Nullable String hint) {

  /** How bad a problem is. */
  public enum Severity {
    ERROR,
    WARNING
  }

  public ConfigProblem {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** True for {@link Severity#ERROR}. */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /**
   * The problem on one line, {@code file:line:col: path: message}, with {@code warning: } before
   * the message for warnings. The hint is not included (see {@link #toString()}).
   */
  public String format() {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(':').append(line).append(':').append(column);
    }
    sb.append(": ");
    if (!path.isEmpty()) {
      sb.append(path).append(": ");
    }
    if (severity == Severity.WARNING) {
      sb.append("warning: ");
    }
    return sb.append(message).toString();
  }

  /** {@link #format()} followed by the hint in parentheses, if any. */
  @Override
  public String toString() {
    return hint == null ? format() : format() + " (" + hint + ")";
  }
}
