package dev.pdkit.config;

import dev.pdkit.Secret;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Who may approve a deploy plan for a protected environment ({@code approvals:} in the environment
 * file).
 *
 * @param required distinct approvals needed (default 1)
 * @param ed25519PublicKeys approvers' raw 32-byte Ed25519 public keys, base64 as written
 * @param totpSecret a TOTP secret (usually {@code enc:v1:...}) for one-time-code approval, or null
 */
public record Approvals(int required, List<String> ed25519PublicKeys, @Nullable Secret totpSecret) {
  public Approvals {
    ed25519PublicKeys = List.copyOf(ed25519PublicKeys);
  }

  /** True when at least one approval method is configured. */
  public boolean configured() {
    return !ed25519PublicKeys.isEmpty() || totpSecret != null;
  }
}
