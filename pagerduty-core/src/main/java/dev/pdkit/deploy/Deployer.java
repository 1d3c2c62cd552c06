package dev.pdkit.deploy;

import dev.pdkit.PagerDuty;
import dev.pdkit.config.DesiredState;
import dev.pdkit.deploy.internal.Engine;
import dev.pdkit.spi.AuditSink;
import java.time.Clock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Plans and applies a {@link DesiredState} against one PagerDuty account.
 *
 * <pre>{@code
 * Deployer deployer = Deployer.builder().client(pd).actor("ci@example.com").build();
 * Plan plan = deployer.plan(desired);
 * System.out.println(plan.toText());
 * deployer.apply(desired);            // plans again and executes in dependency order
 * }</pre>
 *
 * <p>Thread-safe; one apply per environment at a time is the caller's job (see {@link
 * dev.pdkit.spi.DeployLock}).
 */
public final class Deployer {
  private final Engine engine;

  private Deployer(Builder b) {
    this.engine = new Engine(Objects.requireNonNull(b.client), b.auditSink, b.actor, b.clock);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads the live account and computes the changes; writes nothing. */
  public Plan plan(DesiredState desired) {
    Objects.requireNonNull(desired, "desired");
    return engine.plan(desired);
  }

  /**
   * Plans and executes the plan. Every write is recorded in the audit sink. On a failed write a
   * {@link DeployException} names the step; the steps before it stay applied.
   */
  public ApplyResult apply(DesiredState desired) {
    Objects.requireNonNull(desired, "desired");
    return engine.apply(desired);
  }

  /** Builder; {@link #client} is required. */
  public static final class Builder {
    private @Nullable PagerDuty client;
    private AuditSink auditSink = AuditSink.discarding();
    private String actor = System.getProperty("user.name", "unknown");
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The PagerDuty client to read and write with (required). */
    public Builder client(PagerDuty client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Where writes are recorded (default: discarded). */
    public Builder auditSink(AuditSink auditSink) {
      this.auditSink = Objects.requireNonNull(auditSink, "auditSink");
      return this;
    }

    /** Who deploys, recorded in the audit trail (default: the OS user name). */
    public Builder actor(String actor) {
      this.actor = Objects.requireNonNull(actor, "actor");
      return this;
    }

    /** Clock for audit timestamps. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Deployer build() {
      if (client == null) {
        throw new IllegalStateException("Deployer.builder(): client is required");
      }
      return new Deployer(this);
    }
  }
}
