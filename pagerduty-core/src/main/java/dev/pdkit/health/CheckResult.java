package dev.pdkit.health;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The outcome of one health check.
 *
 * @param name the check's name, e.g. {@code token} or {@code coverage}
 * @param status OK, WARN or FAIL
 * @param message one line saying what was found (for a failure: what is wrong and what to do)
 * @param details one line per finding (a disabled service, a coverage gap, a drifted field, ...);
 *     may be empty
 * @param latency how long the check took, including its API calls
 */
public record CheckResult(String name, Status status, String message, List<String> details, Duration latency) {

  public CheckResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(latency, "latency");
    details = List.copyOf(details);
  }

  /** How a check came out. Ordered from best to worst. */
  public enum Status {
    /** Everything checked is as it should be. */
    OK,
    /** Worth a look, but the account still works as configured; does not make a report unhealthy. */
    WARN,
    /** Something is broken or missing; the report is unhealthy. */
    FAIL;

    /** Lower-case name, as in the JSON report: {@code ok}, {@code warn}, {@code fail}. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** True unless the status is {@link Status#FAIL}. */
  public boolean passed() {
    return status != Status.FAIL;
  }
}
