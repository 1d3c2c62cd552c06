package dev.pdkit.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@link ConfigLoader#validate(String)}: every problem found and, when there is no
 * error, the loaded state.
 *
 * @param environment the environment validated
 * @param problems errors and warnings, in file order
 * @param state the loaded state, or {@code null} when there is an error
 */
public record ValidationResult(
    String environment, List<ConfigProblem> problems, @Nullable DesiredState state) {

  public ValidationResult {
    Objects.requireNonNull(environment, "environment");
    problems = List.copyOf(problems);
  }

  /** True when there is no error (warnings allowed). */
  public boolean isValid() {
    return problems.stream().noneMatch(ConfigProblem::isError);
  }

  public List<ConfigProblem> errors() {
    return problems.stream().filter(ConfigProblem::isError).toList();
  }

  public List<ConfigProblem> warnings() {
    return problems.stream().filter(p -> !p.isError()).toList();
  }

  /** The state when valid. */
  public Optional<DesiredState> desiredState() {
    return Optional.ofNullable(state);
  }
}
