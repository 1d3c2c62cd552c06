package dev.pdkit.errors;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Input was rejected on the client side, before anything was sent: a missing required field, a value
 * over a documented limit, a bad configuration value. {@link #problems()} lists every problem found
 * (not just the first), each naming its field, so that one run shows everything to fix.
 */
public class ValidationException extends PagerDutyException {
  private static final long serialVersionUID = 1L;

  private final List<Problem> problems;

  /**
   * @param problems at least one problem
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public ValidationException(List<Problem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  /** One problem. */
  public static ValidationException of(String field, String message) {
    return new ValidationException(List.of(new Problem(field, message)));
  }

  /** Every problem found, in the order found. Never empty. */
  public List<Problem> problems() {
    return problems;
  }

  private static String describe(List<Problem> problems) {
    Objects.requireNonNull(problems, "problems");
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ValidationException needs at least one problem");
    }
    if (problems.size() == 1) {
      return problems.get(0).toString();
    }
    return problems.size() + " problems: "
        + problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
  }

  /**
   * One invalid field.
   *
   * @param field where the problem is: a field path such as {@code payload.summary}, or a
   *     {@code file:line} location followed by a path
   * @param message what is wrong and what to do, e.g. {@code is 2000 characters; the limit is 1024}.
   *     Never contains a secret value.
   */
  public record Problem(String field, String message) {
    public Problem {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
      return field + ": " + message;
    }
  }
}
