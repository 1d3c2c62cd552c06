package dev.pdkit.deploy;

import dev.pdkit.internal.SecretFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;

/**
 * An approver's Ed25519 private key, for signing plans of protected environments.
 *
 * <p>On disk the private key is PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), the format of
 * {@code openssl genpkey -algorithm ed25519}, written with owner-only permissions where the file
 * system supports them. The public key is the raw 32 bytes in base64, the form {@code
 * approvals.ed25519_public_keys} lists. {@link #toString()} shows only the public key; the private
 * key is never printed or put in an exception message.
 *
 * <pre>{@code
 * ApproverKey key = ApproverKey.read(Path.of("approver.key"));
 * PlanFile approved = PlanFile.read(planPath).withSignature(key.sign(plan.plan(), Instant.now()));
 * }</pre>
 */
public final class ApproverKey {
  private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String END = "-----END PRIVATE KEY-----";

  private final Ed25519PrivateKeyParameters key;
  private final String publicKey;

  private ApproverKey(Ed25519PrivateKeyParameters key) {
    this.key = key;
    this.publicKey = Base64.getEncoder().encodeToString(key.generatePublicKey().getEncoded());
  }

  /** A new random key pair. */
  public static ApproverKey generate() {
    return new ApproverKey(new Ed25519PrivateKeyParameters(new SecureRandom()));
  }

  /**
   * Reads a PKCS#8 PEM Ed25519 private key.
   *
   * @throws DeployException naming the file when it is missing, unreadable or not such a key
   */
  public static ApproverKey read(Path file) {
    Objects.requireNonNull(file, "file");
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new DeployException("cannot read approval key " + file + ": " + describe(e)
          + "; create one with `pdkit deploy keygen --out DIR`");
    }
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new DeployException("approval key " + file + " is not a PEM private key (no " + BEGIN
          + " line); use the .key file written by `pdkit deploy keygen` or `openssl genpkey -algorithm ed25519`");
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end));
      AsymmetricKeyParameter k = PrivateKeyFactory.createKey(der);
      if (!(k instanceof Ed25519PrivateKeyParameters ed)) {
        throw new DeployException("approval key " + file + " is not an Ed25519 key; create one with"
            + " `pdkit deploy keygen --out DIR`");
      }
      return new ApproverKey(ed);
    } catch (IOException | RuntimeException e) {
      if (e instanceof DeployException d) {
        throw d;
      }
      throw new DeployException("approval key " + file + " is damaged (its PEM content does not decode as a"
          + " PKCS#8 private key); use the .key file written by `pdkit deploy keygen`");
    }
  }

  /**
   * Writes the private key (PEM) to {@code file}, owner-only; never overwrites.
   *
   * @throws DeployException when the file exists or cannot be written
   */
  public void writePrivateKey(Path file) {
    Objects.requireNonNull(file, "file");
    String pem;
    try {
      byte[] der = PrivateKeyInfoFactory.createPrivateKeyInfo(key).getEncoded();
      pem = BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n" + END + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode an Ed25519 key as PKCS#8", e);
    }
    try {
      SecretFiles.createOwnerOnly(file, pem);
    } catch (FileAlreadyExistsException e) {
      throw new DeployException("will not overwrite " + file + ": it already exists; choose another --out"
          + " folder or remove the old key first");
    } catch (IOException e) {
      throw new DeployException("cannot write approval key " + file + ": " + describe(e));
    }
  }

  /** The raw 32-byte public key, base64: paste it into {@code approvals.ed25519_public_keys}. */
  public String publicKey() {
    return publicKey;
  }

  /** Signs {@code plan}'s {@link Plan#hash()}. */
  public PlanSignature sign(Plan plan, Instant at) {
    Objects.requireNonNull(plan, "plan");
    return sign(plan.hash(), at);
  }

  /** Signs a plan hash (64 hex characters). */
  public PlanSignature sign(String planHash, Instant at) {
    Objects.requireNonNull(planHash, "planHash");
    Objects.requireNonNull(at, "at");
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    byte[] message = planHash.getBytes(StandardCharsets.US_ASCII);
    signer.update(message, 0, message.length);
    return new PlanSignature(publicKey, Base64.getEncoder().encodeToString(signer.generateSignature()), at);
  }

  /** Shows the public key only. */
  @Override
  public String toString() {
    return "ApproverKey[public=" + publicKey + "]";
  }

  private static String describe(IOException e) {
    return e instanceof java.nio.file.NoSuchFileException ? "no such file"
        : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
        : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
  }
}
