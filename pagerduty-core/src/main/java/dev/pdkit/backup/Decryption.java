package dev.pdkit.backup;

import dev.pdkit.Secret;
import dev.pdkit.backup.internal.KeyCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The keys offered to open an archive: a passphrase, X25519 identities, or neither; and whether an
 * unencrypted archive is acceptable. An archive is opened with whichever offered key fits its
 * header. Immutable and thread-safe; a passphrase's Argon2id result is cached per archive salt, so
 * verifying and then reading one archive stretches the passphrase once.
 *
 * <p>Keyed decryptions refuse unencrypted archives unless {@link #orUnencrypted()} is used: someone
 * able to replace an encrypted archive must not be able to slip in an unencrypted forgery.
 */
public final class Decryption {
  private final @Nullable Secret passphrase;
  private final List<IdentityKey> identities;
  private final boolean acceptUnencrypted;
  private final KeyCache cache;

  private Decryption(@Nullable Secret passphrase, List<IdentityKey> identities, boolean acceptUnencrypted,
      KeyCache cache) {
    this.passphrase = passphrase;
    this.identities = identities;
    this.acceptUnencrypted = acceptUnencrypted;
    this.cache = cache;
  }

  /** Opens only unencrypted archives. */
  public static Decryption none() {
    return new Decryption(null, List.of(), true, new KeyCache());
  }

  /** Opens archives encrypted with this passphrase. */
  public static Decryption passphrase(Secret passphrase) {
    Objects.requireNonNull(passphrase, "passphrase");
    return new Decryption(passphrase, List.of(), false, new KeyCache());
  }

  /** Opens archives encrypted to any of these identities' public keys. */
  public static Decryption identities(List<IdentityKey> identities) {
    Objects.requireNonNull(identities, "identities");
    return new Decryption(null, List.copyOf(identities), false, new KeyCache());
  }

  /** Opens archives encrypted to this identity's public key. */
  public static Decryption identity(IdentityKey identity) {
    return identities(List.of(Objects.requireNonNull(identity, "identity")));
  }

  /** This, offering {@code passphrase} (instead of any passphrase offered before). */
  public Decryption withPassphrase(Secret passphrase) {
    // a new cache: stretched keys belong to the passphrase they were stretched from
    return new Decryption(Objects.requireNonNull(passphrase, "passphrase"), identities, acceptUnencrypted,
        new KeyCache());
  }

  /** This, also offering {@code identity}. */
  public Decryption withIdentity(IdentityKey identity) {
    List<IdentityKey> ids = new ArrayList<>(identities);
    ids.add(Objects.requireNonNull(identity, "identity"));
    return new Decryption(passphrase, List.copyOf(ids), acceptUnencrypted, cache);
  }

  /** This, also accepting unencrypted archives (integrity is still checked). */
  public Decryption orUnencrypted() {
    return new Decryption(passphrase, identities, true, cache);
  }

  /** Whether a passphrase is offered. */
  public boolean hasPassphrase() {
    return passphrase != null;
  }

  /** The offered identities. */
  public List<IdentityKey> identities() {
    return identities;
  }

  /** Whether unencrypted archives are accepted. */
  public boolean acceptsUnencrypted() {
    return acceptUnencrypted;
  }

  @Nullable Secret passphraseSecret() {
    return passphrase;
  }

  KeyCache cache() {
    return cache;
  }

  List<byte[]> identityBytes() {
    return identities.stream().map(IdentityKey::bytes).toList();
  }

  @Override
  public String toString() {
    return "Decryption[" + (passphrase != null ? "passphrase <redacted>, " : "")
        + "identities " + identities.stream().map(i -> i.recipient().fingerprint()).toList()
        + (acceptUnencrypted ? ", unencrypted accepted" : "") + "]";
  }
}
