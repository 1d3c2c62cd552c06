package dev.pdkit.health;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdkit.internal.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The result of one {@link HealthCheck} run: every check in a fixed order, with its status and
 * latency. Immutable. Contains no secrets: checks report an integration key at most as its last
 * four characters, and never an API token.
 *
 * @param checkedAt the instant the checks evaluated "now" at (on-call and coverage are computed for
 *     it)
 * @param environment the environment checked against, or {@code null} when no config was given
 * @param checks the checks in report order
 * @param latency wall-clock time of the whole run (checks run concurrently, so this is less than
 *     the sum of the checks' latencies)
 */
public record HealthReport(Instant checkedAt, @Nullable String environment, List<CheckResult> checks,
    Duration latency) {

  public HealthReport {
    Objects.requireNonNull(checkedAt, "checkedAt");
    Objects.requireNonNull(latency, "latency");
    checks = List.copyOf(checks);
  }

  /** True when no check failed (warnings do not make a report unhealthy). */
  public boolean healthy() {
    return checks.stream().allMatch(CheckResult::passed);
  }

  /** The worst status of any check; {@link CheckResult.Status#OK} for an empty report. */
  public CheckResult.Status status() {
    return checks.stream().map(CheckResult::status).max(Enum::compareTo).orElse(CheckResult.Status.OK);
  }

  /** The check called {@code name}, if it ran. */
  public Optional<CheckResult> check(String name) {
    Objects.requireNonNull(name, "name");
    return checks.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The checks that failed, in report order. */
  public List<CheckResult> failures() {
    return checks.stream().filter(c -> !c.passed()).toList();
  }

  /** Number of checks with this status. */
  public long count(CheckResult.Status status) {
    return checks.stream().filter(c -> c.status() == status).count();
  }

  /** A one-line summary, e.g. {@code HEALTHY: 8 checks, 7 ok, 1 warn, 0 fail (412 ms)}. */
  public String summary() {
    return String.format(Locale.ROOT, "%s: %d checks, %d ok, %d warn, %d fail (%d ms)",
        healthy() ? "HEALTHY" : "UNHEALTHY", checks.size(), count(CheckResult.Status.OK),
        count(CheckResult.Status.WARN), count(CheckResult.Status.FAIL), latency.toMillis());
  }

  /**
   * The report for people: a header, then one aligned line per check ({@code STATUS name latency
   * message}) with its details indented below.
   */
  public String toText() {
    int nameWidth = checks.stream().mapToInt(c -> c.name().length()).max().orElse(4);
    int msWidth = checks.stream().mapToInt(c -> Long.toString(c.latency().toMillis()).length()).max().orElse(1);
    StringBuilder sb = new StringBuilder();
    sb.append("PagerDuty health at ").append(checkedAt);
    if (environment != null) {
      sb.append(" (environment ").append(environment).append(')');
    }
    sb.append('\n');
    String indent = " ".repeat(2 + 4 + 2 + nameWidth + 2 + msWidth + 3 + 2);
    for (CheckResult c : checks) {
      sb.append(String.format(Locale.ROOT, "  %-4s  %-" + nameWidth + "s  %" + msWidth + "d ms  %s%n",
          c.status().name(), c.name(), c.latency().toMillis(), c.message()));
      for (String d : c.details()) {
        sb.append(indent).append("- ").append(d).append('\n');
      }
    }
    sb.append(summary()).append('\n');
    return sb.toString();
  }

  /** The report as JSON (stable field order; latencies in milliseconds). */
  public String toJson() {
    ObjectNode root = Json.object();
    root.put("healthy", healthy());
    root.put("status", status().wire());
    root.put("checked_at", checkedAt.toString());
    if (environment == null) {
      root.putNull("environment");
    } else {
      root.put("environment", environment);
    }
    root.put("latency_ms", latency.toMillis());
    ArrayNode arr = root.putArray("checks");
    for (CheckResult c : checks) {
      ObjectNode n = arr.addObject();
      n.put("name", c.name());
      n.put("status", c.status().wire());
      n.put("message", c.message());
      ArrayNode d = n.putArray("details");
      c.details().forEach(d::add);
      n.put("latency_ms", c.latency().toMillis());
    }
    return root.toPrettyString();
  }
}
