package dev.pdkit.internal.crypto;

import dev.pdkit.errors.CryptoException;
import dev.pdkit.spi.CryptoProvider;
import dev.pdkit.spi.MasterKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in {@link CryptoProvider}: envelope encryption with AES-256-GCM.
 *
 * <p>Token: {@code enc:v1:} + base64url (no padding) of
 *
 * <pre>
 * mode (1 byte: 1 = raw master key, 2 = passphrase)
 * [mode 2: Argon2id memoryKiB (4 bytes, big-endian), iterations (1), parallelism (1), salt (16)]
 * key id (4 bytes: SHA-256("pdkit-kek-id" || kek)[0..4])
 * wrap nonce (12) || data key sealed under the kek (32 + 16 tag), aad = all bytes above
 * data nonce (12) || value sealed under the data key (n + 16 tag), aad = header || caller aad
 * </pre>
 *
 * The kek is HKDF-SHA256(master key, info "pdkit enc:v1 kek") for raw keys and Argon2id(passphrase,
 * salt) for passphrases. The key id lets a wrong key be told apart from tampering. Thread-safe.
 */
public final class EnvelopeCryptoProvider implements CryptoProvider {
  private static final byte MODE_RAW = 1;
  private static final byte MODE_PASSPHRASE = 2;
  private static final int SALT_BYTES = 16;
  private static final int KEY_ID_BYTES = 4;
  private static final int MAX_CACHED_KEKS = 32;

  private final MasterKey masterKey;
  private final Map<String, byte[]> kekCache = new ConcurrentHashMap<>();
  private volatile byte @org.jspecify.annotations.Nullable [] encryptionHeader;
  private volatile byte @org.jspecify.annotations.Nullable [] encryptionKek;

  public EnvelopeCryptoProvider(MasterKey masterKey) {
    this.masterKey = Objects.requireNonNull(masterKey, "masterKey");
  }

  @Override
  public String encrypt(byte[] plaintext, byte[] aad) {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(aad, "aad");
    prepareEncryption();
    byte[] header = encryptionHeader;
    byte[] kek = encryptionKek;
    byte[] dataKey = Aead.random(Aead.KEY_BYTES);
    byte[] wrapNonce = Aead.random(Aead.NONCE_BYTES);
    byte[] wrapped = Aead.seal(kek, wrapNonce, dataKey, header);
    byte[] dataNonce = Aead.random(Aead.NONCE_BYTES);
    byte[] sealed = Aead.seal(dataKey, dataNonce, plaintext, concat(header, aad));
    Arrays.fill(dataKey, (byte) 0);
    ByteBuffer out =
        ByteBuffer.allocate(header.length + wrapNonce.length + wrapped.length + dataNonce.length + sealed.length);
    out.put(header).put(wrapNonce).put(wrapped).put(dataNonce).put(sealed);
    return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
  }

  @Override
  public byte[] decrypt(String token, byte[] aad) {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(aad, "aad");
    String t = token.trim();
    if (!t.startsWith(TOKEN_PREFIX)) {
      throw new CryptoException("not an encrypted value: it must start with " + TOKEN_PREFIX);
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(t.substring(TOKEN_PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new CryptoException("corrupted encrypted value: not base64url; copy the whole enc:v1: value");
    }
    ByteBuffer in = ByteBuffer.wrap(raw);
    try {
      byte mode = in.get();
      byte[] kek;
      if (mode == MODE_RAW) {
        if (masterKey.isPassphrase()) {
          throw new CryptoException(
              "value was encrypted with a master key (PDKIT_MASTER_KEY) but a passphrase is configured");
        }
        kek = rawKek();
      } else if (mode == MODE_PASSPHRASE) {
        if (!masterKey.isPassphrase()) {
          throw new CryptoException(
              "value was encrypted with a passphrase (PDKIT_PASSPHRASE) but a master key is configured");
        }
        int memory = in.getInt();
        int iterations = in.get();
        int parallelism = in.get();
        byte[] salt = new byte[SALT_BYTES];
        in.get(salt);
        MasterKey.Argon2 params;
        try {
          params = new MasterKey.Argon2(memory, iterations, parallelism);
        } catch (IllegalArgumentException e) {
          throw new CryptoException("corrupted encrypted value: Argon2 parameters out of range");
        }
        kek = passphraseKek(salt, params);
      } else {
        throw new CryptoException("corrupted encrypted value: unknown key mode " + mode);
      }
      byte[] keyId = new byte[KEY_ID_BYTES];
      in.get(keyId);
      int headerLength = in.position();
      byte[] header = Arrays.copyOf(raw, headerLength);
      byte[] expectedId = keyId(kek);
      if (!Arrays.equals(keyId, expectedId)) {
        throw new CryptoException(
            "value was encrypted with a different key (key id "
                + HexFormat.of().formatHex(keyId)
                + ", configured key id "
                + HexFormat.of().formatHex(expectedId)
                + "); set the key it was made with, or re-encrypt it");
      }
      byte[] wrapNonce = new byte[Aead.NONCE_BYTES];
      in.get(wrapNonce);
      byte[] wrapped = new byte[Aead.KEY_BYTES + Aead.TAG_BYTES];
      in.get(wrapped);
      byte[] dataNonce = new byte[Aead.NONCE_BYTES];
      in.get(dataNonce);
      byte[] sealed = new byte[in.remaining()];
      in.get(sealed);
      byte[] dataKey;
      try {
        dataKey = Aead.open(kek, wrapNonce, wrapped, header);
      } catch (CryptoException e) {
        throw new CryptoException("corrupted encrypted value: the wrapped data key does not authenticate");
      }
      try {
        return Aead.open(dataKey, dataNonce, sealed, concat(header, aad));
      } catch (CryptoException e) {
        throw new CryptoException(
            "encrypted value does not authenticate: it was altered, or it belongs to another context");
      } finally {
        Arrays.fill(dataKey, (byte) 0);
      }
    } catch (java.nio.BufferUnderflowException e) {
      throw new CryptoException("corrupted encrypted value: truncated; copy the whole enc:v1: value");
    }
  }

  /** Key id of this provider's current key (hex), for messages and rotation reports. */
  public String keyId() {
    prepareEncryption();
    byte[] h = encryptionHeader;
    return HexFormat.of().formatHex(h, h.length - KEY_ID_BYTES, h.length);
  }

  private synchronized void prepareEncryption() {
    if (encryptionHeader != null) {
      return;
    }
    byte[] kek;
    ByteBuffer header;
    if (masterKey.isPassphrase()) {
      byte[] salt = Aead.random(SALT_BYTES);
      MasterKey.Argon2 p = masterKey.argon2();
      kek = passphraseKek(salt, p);
      header = ByteBuffer.allocate(1 + 4 + 1 + 1 + SALT_BYTES + KEY_ID_BYTES);
      header.put(MODE_PASSPHRASE).putInt(p.memoryKiB()).put((byte) p.iterations()).put((byte) p.parallelism()).put(salt);
    } else {
      kek = rawKek();
      header = ByteBuffer.allocate(1 + KEY_ID_BYTES);
      header.put(MODE_RAW);
    }
    header.put(keyId(kek));
    encryptionKek = kek;
    encryptionHeader = header.array();
  }

  private byte[] rawKek() {
    return kekCache.computeIfAbsent(
        "raw", k -> Kdf.hkdfSha256(masterKey.rawKey(), new byte[0], "pdkit enc:v1 kek", Aead.KEY_BYTES));
  }

  private byte[] passphraseKek(byte[] salt, MasterKey.Argon2 p) {
    String cacheKey = HexFormat.of().formatHex(salt) + "/" + p;
    byte[] cached = kekCache.get(cacheKey);
    if (cached != null) {
      return cached;
    }
    byte[] kek =
        Kdf.argon2id(
            masterKey.passphrase().reveal().getBytes(StandardCharsets.UTF_8),
            salt, p.memoryKiB(), p.iterations(), p.parallelism(), Aead.KEY_BYTES);
    if (kekCache.size() >= MAX_CACHED_KEKS) {
      kekCache.clear();
    }
    kekCache.put(cacheKey, kek);
    return kek;
  }

  private static byte[] keyId(byte[] kek) {
    return Arrays.copyOf(Kdf.sha256("pdkit-kek-id".getBytes(StandardCharsets.US_ASCII), kek), KEY_ID_BYTES);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
