package dev.pdkit.deploy;

import dev.pdkit.config.Approvals;
import dev.pdkit.config.DesiredState;
import dev.pdkit.deploy.DeployRefusedException.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The checks before a saved plan may be applied: same environment, same config, and, for a protected
 * environment, enough distinct approvals (signatures by configured keys plus a valid TOTP code).
 * Freshness against PagerDuty is checked by the engine on the live state it is about to change.
 */
final class ApprovalCheck {
  private ApprovalCheck() {}

  /** Refuses a plan made for another environment or from another config. */
  static void sameInput(DesiredState desired, PlanFile saved) {
    Plan p = saved.plan();
    if (!p.environment().equals(desired.environment())) {
      throw new DeployRefusedException(Reason.WRONG_ENVIRONMENT, "the saved plan is for environment "
          + p.environment() + ", not " + desired.environment() + ": apply it with --environment "
          + p.environment() + ", or make a plan for " + desired.environment());
    }
    if (!p.desiredHash().equals(desired.contentHash())) {
      throw new DeployRefusedException(Reason.STALE_DESIRED, "the config of " + desired.environment()
          + " changed since the plan was made (config hash " + shortHash(desired.contentHash()) + ", plan made from "
          + shortHash(p.desiredHash()) + "): make a new plan (--plan-out) and have it approved again");
    }
  }

  /** Refuses unless the protected environment's approvals are met; returns a summary of who approved. */
  static String approved(DesiredState desired, PlanFile saved, @Nullable String totpCode, Instant now) {
    Approvals a = desired.approvals();
    String env = desired.environment();
    if (a == null || !a.configured()) {
      throw new DeployRefusedException(Reason.NO_APPROVERS, "environment " + env + " is protected but no"
          + " approver is configured: add approvals.ed25519_public_keys (from `pdkit deploy keygen`) or"
          + " approvals.totp_secret to environments/" + env + ".yaml");
    }
    String hash = saved.plan().hash();
    Set<String> allowed = new HashSet<>(a.ed25519PublicKeys());
    Set<String> approvers = new HashSet<>();
    List<String> foreign = new ArrayList<>();
    for (PlanSignature s : saved.signatures()) {
      String key = s.publicKey().strip();
      if (!allowed.contains(key)) {
        foreign.add(key);
        continue;
      }
      if (!s.verifies(hash)) {
        throw new DeployRefusedException(Reason.BAD_SIGNATURE, "the signature by approver key " + key
            + " does not verify over plan hash " + hash + ": the plan was changed after signing or the"
            + " signature is damaged; make a new plan and sign it again");
      }
      approvers.add("key " + key);
    }
    int count = approvers.size();
    if (totpCode != null) {
      if (a.totpSecret() == null) {
        throw new DeployRefusedException(Reason.BAD_TOTP, "a TOTP code was given but environment " + env
            + " has no approvals.totp_secret: approve with a signature instead, or configure the secret");
      }
      boolean ok;
      try {
        ok = Totp.verify(a.totpSecret(), totpCode, now);
      } catch (IllegalArgumentException e) {
        throw new DeployRefusedException(Reason.NO_APPROVERS, e.getMessage());
      }
      if (!ok) {
        throw new DeployRefusedException(Reason.BAD_TOTP, "the TOTP code is wrong or expired (a code is valid"
            + " for its 30-second step and one step either side): enter the current code from the"
            + " authenticator app, and check that this machine's clock is right");
      }
      count++;
      approvers.add("TOTP code");
    }
    if (count < a.required()) {
      String have = count == 0 ? "no approval" : count + " of " + a.required() + " approvals";
      throw new DeployRefusedException(Reason.NOT_APPROVED, "plan " + shortHash(hash) + " for protected"
          + " environment " + env + " has " + have
          + (foreign.isEmpty() ? "" : " (" + foreign.size() + " signature" + (foreign.size() == 1 ? " is" : "s are")
              + " by a key not in approvals.ed25519_public_keys: " + String.join(", ", foreign) + ")")
          + ": sign it with `pdkit deploy approve --plan FILE --key KEY` (or --approve-key KEY)"
          + (a.totpSecret() != null ? " or pass --totp CODE" : "")
          + (a.required() > 1 ? "; " + a.required() + " distinct approvers are required" : ""));
    }
    return String.join(", ", new java.util.TreeSet<>(approvers));
  }

  static String shortHash(String h) {
    return h.length() > 12 ? h.substring(0, 12) : h;
  }
}
