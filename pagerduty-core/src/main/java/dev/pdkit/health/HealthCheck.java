package dev.pdkit.health;

import dev.pdkit.PagerDuty;
import dev.pdkit.config.DesiredState;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checks the health of one PagerDuty account, optionally against the {@link DesiredState} of one
 * environment.
 *
 * <pre>{@code
 * HealthReport report = HealthCheck.builder().client(pd).desiredState(desired).build().run();
 * System.out.print(report.toText());
 * if (!report.healthy()) { ... }
 * }</pre>
 *
 * <p>The checks, in report order ({@code full(false)} runs only the first three):
 *
 * <ul>
 *   <li>{@code token}: the REST API token is accepted ({@code GET /abilities}).
 *   <li>{@code abilities}: the account's abilities; FAIL when the config uses a feature the account
 *       lacks (teams, urgencies, support hours), which PagerDuty would refuse with 402.
 *   <li>{@code events-api}: the Events API answers. The probe is an empty event ({@code {}}) posted
 *       to {@code /v2/enqueue}: it carries no routing key, so it cannot create an incident anywhere,
 *       and the API's 400 "invalid event" answer proves that DNS, TLS and the Events API itself
 *       work. 5xx, 404, timeouts and connection errors fail; a 429 warns.
 *   <li>{@code config} (with a desired state): every desired resource exists and matches, using
 *       {@link dev.pdkit.deploy.Deployer#plan}: an empty plan passes, otherwise each planned change
 *       is listed.
 *   <li>{@code services}: no service in scope is disabled (maintenance warns).
 *   <li>{@code integrations}: every integration in the config exists on its service, and every
 *       events integration has an integration key (shown as its last four characters only).
 *   <li>{@code on-call}: every level of every escalation policy in scope has someone on call now.
 *   <li>{@code coverage}: no level of any escalation policy in scope has a coverage gap within the
 *       horizon (default 7 days), computed by the on-call engine over PagerDuty's own rendering of
 *       each schedule ({@code GET /schedules/{id}?since&until}, so overrides count).
 * </ul>
 *
 * <p><b>Scope.</b> With a desired state, services and escalation policies are those carrying the
 * environment's managed marker (see {@link dev.pdkit.deploy}), plus the escalation policies those
 * services use. Without one, every service and escalation policy of the account is checked.
 *
 * <p>Independent checks run concurrently, each bounded by {@link Builder#timeout}; a check that
 * throws or times out is reported as a FAIL with the reason, never thrown. Only read calls are
 * made (the Events probe is rejected by design). Instances are immutable and thread-safe; each
 * {@link #run()} uses its own short-lived threads.
 */
public final class HealthCheck {
  /** Default per-check timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  /** Default coverage horizon. */
  public static final Duration DEFAULT_HORIZON = Duration.ofDays(7);

  private final PagerDuty client;
  private final @Nullable DesiredState desired;
  private final Clock clock;
  private final boolean full;
  private final Duration timeout;
  private final Duration horizon;

  private HealthCheck(Builder b) {
    this.client = Objects.requireNonNull(b.client);
    this.desired = b.desired;
    this.clock = b.clock != null ? b.clock : client.clock();
    this.full = b.full;
    this.timeout = b.timeout;
    this.horizon = b.horizon;
  }

  /** A builder; {@link Builder#client} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs the checks and waits for the report (at most about the timeout). Never throws for an
   * unhealthy account or a failing check; those are in the report.
   *
   * @throws dev.pdkit.errors.PagerDutyException only if the calling thread is interrupted
   */
  public HealthReport run() {
    return new Checks(client, desired, clock.instant(), horizon, timeout, full).run();
  }

  /** Builder for {@link HealthCheck}. Not thread-safe. */
  public static final class Builder {
    private @Nullable PagerDuty client;
    private @Nullable DesiredState desired;
    private @Nullable Clock clock;
    private boolean full = true;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration horizon = DEFAULT_HORIZON;

    private Builder() {}

    /** The client to check with (required); its token and URLs are what is checked. */
    public Builder client(PagerDuty client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * The environment's desired state to check against (optional). Adds the {@code config} check
     * and narrows services and escalation policies to those the environment manages.
     */
    public Builder desiredState(@Nullable DesiredState desired) {
      this.desired = desired;
      return this;
    }

    /** The clock "now" is read from (default: the client's clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * {@code true} (default) for every check; {@code false} for token, abilities
     * and Events API reachability only.
     */
    public Builder full(boolean full) {
      this.full = full;
      return this;
    }

    /** Longest time one check may take before it is reported as failed (default 30 s). */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** How far ahead coverage gaps are looked for (default 7 days). */
    public Builder horizon(Duration horizon) {
      Objects.requireNonNull(horizon, "horizon");
      if (horizon.isNegative() || horizon.isZero()) {
        throw new IllegalArgumentException("horizon must be positive, was " + horizon);
      }
      this.horizon = horizon;
      return this;
    }

    /**
     * Builds the check.
     *
     * @throws IllegalStateException if no client was given
     */
    public HealthCheck build() {
      if (client == null) {
        throw new IllegalStateException("HealthCheck.builder(): client is required");
      }
      return new HealthCheck(this);
    }
  }
}
