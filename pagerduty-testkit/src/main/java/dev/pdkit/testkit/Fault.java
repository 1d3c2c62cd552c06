package dev.pdkit.testkit;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A fault-injection rule for {@link FakePagerDuty#addFault(Fault)} (or {@code POST /_fake/faults}).
 *
 * <p>A rule matches a request by HTTP method ({@code null} or {@code "*"} = any) and path. The path is
 * a glob where {@code *} matches within one segment and {@code **} across segments; a path without
 * wildcards also matches every path below it (prefix match on segment boundaries). A matching rule
 * fires with {@code probability} (drawn from the fake's seeded random, so runs are reproducible) and
 * at most {@code times} times ({@code 0} = unlimited), after letting the first {@code skip} matching
 * requests through untouched (so {@code method("POST").path("/users").skip(2).times(1)} fails exactly
 * the third user create). When it fires it first waits {@code delayMs}
 * real milliseconds, then either drops the connection without a response ({@code resetConnection}),
 * answers {@code status} with a PagerDuty error body ({@code status > 0}), or, with neither, lets the
 * request proceed normally (a pure delay). Control calls under {@code /_fake/} are never faulted.
 *
 * @param method HTTP method to match, or {@code null} for any
 * @param path path glob or prefix, e.g. {@code /incidents}, {@code /services/*}, {@code /v2/enqueue}
 * @param status HTTP status to answer with, or 0 to not answer with an error
 * @param times how many times the rule may fire; 0 means unlimited
 * @param probability chance in [0,1] that a matching request is faulted
 * @param delayMs real delay before answering, in milliseconds
 * @param resetConnection close the connection without any response
 * @param skip how many matching requests pass untouched before the rule may fire (default 0)
 */
public record Fault(
    @Nullable String method,
    String path,
    int status,
    int times,
    double probability,
    long delayMs,
    boolean resetConnection,
    int skip) {

  /** Validates the rule. */
  public Fault {
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("fault path must start with '/': " + path);
    }
    if (status != 0 && (status < 100 || status > 599)) {
      throw new IllegalArgumentException("fault status must be 0 or 100..599, got " + status);
    }
    if (times < 0) {
      throw new IllegalArgumentException("fault times must be >= 0 (0 = unlimited), got " + times);
    }
    if (!(probability >= 0.0 && probability <= 1.0)) {
      throw new IllegalArgumentException("fault probability must be within [0,1], got " + probability);
    }
    if (delayMs < 0) {
      throw new IllegalArgumentException("fault delay_ms must be >= 0, got " + delayMs);
    }
    if (skip < 0) {
      throw new IllegalArgumentException("fault skip must be >= 0, got " + skip);
    }
    if (status == 0 && !resetConnection && delayMs == 0) {
      throw new IllegalArgumentException(
          "fault does nothing: set status, delay_ms or reset_connection");
    }
  }

  /** A rule that skips no requests (the form before {@code skip} existed). */
  public Fault(@Nullable String method, String path, int status, int times, double probability, long delayMs,
      boolean resetConnection) {
    this(method, path, status, times, probability, delayMs, resetConnection, 0);
  }

  /** A rule answering {@code status} on every request to {@code path} (any method). */
  public static Fault status(String path, int status) {
    return builder().path(path).status(status).build();
  }

  /** A new builder: any method, probability 1, unlimited times. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builder for {@link Fault}. */
  public static final class Builder {
    private @Nullable String method;
    private @Nullable String path;
    private int status;
    private int times;
    private double probability = 1.0;
    private long delayMs;
    private boolean resetConnection;
    private int skip;

    private Builder() {}

    /** HTTP method to match; null or "*" for any. */
    public Builder method(@Nullable String method) {
      this.method = method;
      return this;
    }

    /** Path glob or prefix (required). */
    public Builder path(String path) {
      this.path = Objects.requireNonNull(path, "path");
      return this;
    }

    /** Status to answer with. */
    public Builder status(int status) {
      this.status = status;
      return this;
    }

    /** Maximum number of firings; 0 = unlimited (default). */
    public Builder times(int times) {
      this.times = times;
      return this;
    }

    /** Probability in [0,1] (default 1). */
    public Builder probability(double probability) {
      this.probability = probability;
      return this;
    }

    /** Real delay before answering. */
    public Builder delayMs(long delayMs) {
      this.delayMs = delayMs;
      return this;
    }

    /** Drop the connection without a response. */
    public Builder resetConnection(boolean resetConnection) {
      this.resetConnection = resetConnection;
      return this;
    }

    /** Let the first {@code skip} matching requests through before the rule may fire (default 0). */
    public Builder skip(int skip) {
      this.skip = skip;
      return this;
    }

    /** Builds the rule; {@code path} is required. */
    public Fault build() {
      if (path == null) {
        throw new IllegalStateException("Fault.builder(): missing required field path");
      }
      return new Fault(method, path, status, times, probability, delayMs, resetConnection, skip);
    }
  }
}
