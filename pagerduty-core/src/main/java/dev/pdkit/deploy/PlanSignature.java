package dev.pdkit.deploy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An approver's Ed25519 signature over a plan's {@link Plan#hash()}. The signed message is the plan
 * hash as it prints: 64 lower-case hex characters in ASCII, so a signature can also be made outside
 * pdkit, e.g. {@code printf %s HASH | openssl pkeyutl -sign -rawin -inkey approver.pem | base64}.
 *
 * @param publicKey the signer's raw 32-byte public key, base64 (as listed in {@code
 *     approvals.ed25519_public_keys})
 * @param signature the 64-byte signature, base64
 * @param signedAt when it was made (informational; not covered by the signature)
 */
public record PlanSignature(String publicKey, String signature, Instant signedAt) {

  public PlanSignature {
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(signedAt, "signedAt");
  }

  /** True when this is a valid signature by {@link #publicKey()} over {@code planHash}. */
  public boolean verifies(String planHash) {
    Objects.requireNonNull(planHash, "planHash");
    byte[] key;
    byte[] sig;
    try {
      key = Base64.getDecoder().decode(publicKey.strip());
      sig = Base64.getDecoder().decode(signature.strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (key.length != Ed25519PublicKeyParameters.KEY_SIZE || sig.length != 64) {
      return false;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(key, 0));
    byte[] message = planHash.getBytes(StandardCharsets.US_ASCII);
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(sig);
  }
}
