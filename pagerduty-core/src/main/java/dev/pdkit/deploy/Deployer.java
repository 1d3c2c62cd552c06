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
  private final Clock clock;

  private Deployer(Builder b) {
    this.clock = b.clock;
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
   *
   * @throws DeployRefusedException with {@link DeployRefusedException.Reason#NOT_APPROVED} when the
   *     environment is {@code protected: true}: those apply only an approved saved plan, through {@link
   *     #apply(DesiredState, PlanFile, String)}
   */
  public ApplyResult apply(DesiredState desired) {
    Objects.requireNonNull(desired, "desired");
    if (desired.protectedEnvironment()) {
      throw new DeployRefusedException(DeployRefusedException.Reason.NOT_APPROVED, "environment "
          + desired.environment() + " is protected: apply needs an approved saved plan; make one with"
          + " --plan-out FILE, approve it (`pdkit deploy approve --plan FILE --key KEY` or a TOTP code) and"
          + " apply it with --plan FILE");
    }
    return engine.apply(desired);
  }

  /**
   * Applies a saved plan, exactly as it was reviewed: refuses (writing nothing) when it was made for
   * another environment or from another config, when PagerDuty changed since it was made (a stale
   * plan: the live state is re-read and its hash compared with the plan's), and, for a protected
   * environment, unless it carries enough approvals: signatures over {@link Plan#hash()} by keys in
   * {@code approvals.ed25519_public_keys} (see {@link PlanFile#signatures()}) and/or a valid TOTP code
   * from {@code approvals.totp_secret}, together at least {@code approvals.required} distinct ones.
   *
   * @param totpCode a 6-digit code from the environment's TOTP secret, or {@code null}
   * @throws DeployRefusedException when refused; {@link DeployRefusedException#reason()} says why
   */
  public ApplyResult apply(DesiredState desired, PlanFile saved, @Nullable String totpCode) {
    Objects.requireNonNull(desired, "desired");
    Objects.requireNonNull(saved, "saved");
    ApprovalCheck.sameInput(desired, saved);
    if (desired.protectedEnvironment()) {
      ApprovalCheck.approved(desired, saved, totpCode, clock.instant());
    }
    Plan approved = saved.plan();
    return engine.apply(desired, fresh -> {
      if (!fresh.liveHash().equals(approved.liveHash())) {
        throw new DeployRefusedException(DeployRefusedException.Reason.STALE_LIVE, "PagerDuty changed since"
            + " plan " + ApprovalCheck.shortHash(approved.hash()) + " was made (live state hash "
            + ApprovalCheck.shortHash(fresh.liveHash()) + ", plan made against "
            + ApprovalCheck.shortHash(approved.liveHash()) + "); nothing was written: make a new plan"
            + (desired.protectedEnvironment() ? " and have it approved again" : " and review it"));
      }
      if (!fresh.changes().equals(approved.changes())) {
        throw new DeployRefusedException(DeployRefusedException.Reason.STALE_LIVE, "the saved plan's changes"
            + " differ from a fresh plan over the same config and live state (made by another pdkit"
            + " version?); nothing was written: make a new plan");
      }
    });
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

    /** Clock for audit timestamps and for checking TOTP codes. */
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
