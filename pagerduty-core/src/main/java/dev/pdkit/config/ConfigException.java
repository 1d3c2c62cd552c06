package dev.pdkit.config;

import dev.pdkit.errors.PagerDutyException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A config folder is invalid. {@link #problems()} lists every problem found (errors and warnings),
 * each with file, line, column, path and hint; the message holds the errors one per line.
 */
public class ConfigException extends PagerDutyException {
  private static final long serialVersionUID = 1L;

  private final transient List<ConfigProblem> problems;

  public ConfigException(List<ConfigProblem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, errors first in the order found, then warnings. */
  public List<ConfigProblem> problems() {
    return problems;
  }

  /** Only the errors. */
  public List<ConfigProblem> errors() {
    return problems.stream().filter(ConfigProblem::isError).collect(Collectors.toUnmodifiableList());
  }

  private static String message(List<ConfigProblem> problems) {
    List<ConfigProblem> errors = problems.stream().filter(ConfigProblem::isError).toList();
    List<ConfigProblem> shown = errors.isEmpty() ? problems : errors;
    return "invalid pdkit config ("
        + errors.size()
        + (errors.size() == 1 ? " error" : " errors")
        + "):\n"
        + shown.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n"));
  }
}
