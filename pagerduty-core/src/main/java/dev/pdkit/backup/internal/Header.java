package dev.pdkit.backup.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdkit.backup.ArchiveInfo;
import dev.pdkit.backup.EncryptionMode;
import dev.pdkit.errors.BackupException;
import dev.pdkit.errors.BackupException.Reason;
import dev.pdkit.internal.crypto.Aead;
import dev.pdkit.internal.crypto.Kdf;
import dev.pdkit.internal.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The public header: {@code "PDKITBAK" | version (1) | length (4, BE) | JSON | SHA-256 of all of
 * that}. The checksum tells accidental damage apart from a wrong key; its value is also the
 * associated data of every payload chunk, which authenticates the header with the file key.
 */
final class Header {
  static final byte[] MAGIC = "PDKITBAK".getBytes(StandardCharsets.US_ASCII);
  static final int FORMAT = 1;
  static final int MAX_JSON = 1 << 20;
  static final int SALT_BYTES = 16;
  static final String PAYLOAD_INFO = "pdkit-backup-v1 payload";
  static final String X25519_INFO = "pdkit-backup-v1 x25519";
  static final byte[] PASSPHRASE_AAD = "pdkit-backup-v1 passphrase".getBytes(StandardCharsets.US_ASCII);

  record Stanza(String fingerprint, byte[] ephemeral, byte[] wrapped) {}

  final ObjectNode json;
  final byte[] encoded;
  final byte[] checksum;
  final Instant created;
  final String account;
  final String toolVersion;
  final String apiVersion;
  final EncryptionMode mode;
  final int chunkSize;
  final List<Stanza> recipients;

  private Header(ObjectNode json, byte[] encoded, byte[] checksum) {
    this.json = json;
    this.encoded = encoded;
    this.checksum = checksum;
    try {
      this.created = Instant.parse(text("created"));
    } catch (DateTimeParseException e) {
      throw malformed("created is not an ISO-8601 instant");
    }
    this.account = text("account");
    this.toolVersion = text("tool_version");
    this.apiVersion = text("api_version");
    EncryptionMode m = switch (text("encryption")) {
      case "none" -> EncryptionMode.NONE;
      case "passphrase" -> EncryptionMode.PASSPHRASE;
      case "x25519" -> EncryptionMode.RECIPIENTS;
      default -> throw new BackupException(Reason.UNSUPPORTED, "archive uses encryption '" + text("encryption")
          + "', which this pdkit does not know: upgrade pdkit");
    };
    this.mode = m;
    if (!"zlib".equals(text("compression"))) {
      throw new BackupException(Reason.UNSUPPORTED, "archive uses compression '" + text("compression")
          + "', which this pdkit does not know: upgrade pdkit");
    }
    this.chunkSize = json.path("chunk_size").asInt(-1);
    if (chunkSize < 1024 || chunkSize > (16 << 20)) {
      throw malformed("chunk_size out of range");
    }
    List<Stanza> rs = new ArrayList<>();
    if (m == EncryptionMode.RECIPIENTS) {
      for (JsonNode r : json.path("recipients")) {
        rs.add(new Stanza(r.path("fingerprint").asText(""), b64(r, "ephemeral", 32), b64(r, "wrapped_key", 48)));
      }
      if (rs.isEmpty()) {
        throw malformed("no recipients");
      }
    }
    this.recipients = List.copyOf(rs);
  }

  /** A new header and the random file key it protects (null for {@link EncryptionMode#NONE}). */
  static Header create(ArchiveInfo info, String toolVersion, EncryptionMode mode, int chunkSize,
      @Nullable Supplier<byte[]> passphrase, int memoryKiB, int iterations, int parallelism,
      List<byte[]> recipients, byte[] fileKeyOut) {
    ObjectNode j = Json.object();
    j.put("format", FORMAT);
    j.put("created", info.created().toString());
    j.put("account", info.account());
    j.put("tool_version", toolVersion);
    j.put("api_version", info.apiVersion());
    j.put("compression", "zlib");
    j.put("chunk_size", chunkSize);
    j.put("encryption", mode.wire());
    if (mode != EncryptionMode.NONE) {
      byte[] fileKey = Aead.random(32);
      System.arraycopy(fileKey, 0, fileKeyOut, 0, 32);
      j.put("payload_salt", enc(Aead.random(SALT_BYTES)));
      if (mode == EncryptionMode.PASSPHRASE) {
        byte[] salt = Aead.random(SALT_BYTES);
        byte[] kek = Kdf.argon2id(passphrase.get(), salt, memoryKiB, iterations, parallelism, 32);
        ObjectNode kdf = j.putObject("kdf");
        kdf.put("name", "argon2id");
        kdf.put("version", 19);
        kdf.put("memory_kib", memoryKiB);
        kdf.put("iterations", iterations);
        kdf.put("parallelism", parallelism);
        kdf.put("salt", enc(salt));
        byte[] nonce = Aead.random(Aead.NONCE_BYTES);
        byte[] wrapped = Aead.seal(kek, nonce, fileKey, PASSPHRASE_AAD);
        Arrays.fill(kek, (byte) 0);
        j.put("wrap_nonce", enc(nonce));
        j.put("wrapped_key", enc(wrapped));
      } else {
        ArrayNode arr = j.putArray("recipients");
        for (byte[] recipient : recipients) {
          byte[] eph = X25519Keys.newPrivateKey();
          byte[] ephPub = X25519Keys.publicKey(eph);
          byte[] wrapKey = recipientWrapKey(X25519Keys.agree(eph, recipient), ephPub, recipient);
          Arrays.fill(eph, (byte) 0);
          ObjectNode r = arr.addObject();
          r.put("fingerprint", X25519Keys.fingerprint(recipient));
          r.put("ephemeral", enc(ephPub));
          r.put("wrapped_key", enc(Aead.seal(wrapKey, new byte[Aead.NONCE_BYTES], fileKey, new byte[0])));
        }
      }
      Arrays.fill(fileKey, (byte) 0);
    }
    byte[] body = Json.write(j);
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 45);
    out.writeBytes(MAGIC);
    out.write(FORMAT);
    out.writeBytes(u32(body.length));
    out.writeBytes(body);
    byte[] checksum = Kdf.sha256(out.toByteArray());
    out.writeBytes(checksum);
    return new Header(j, out.toByteArray(), checksum);
  }

  /** Reads and checks a header; leaves {@code in} at the first payload byte. */
  static Header read(InputStream in) throws IOException {
    byte[] magic = in.readNBytes(MAGIC.length);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new BackupException(Reason.NOT_AN_ARCHIVE,
          "not a pdkit backup archive (it does not start with PDKITBAK)");
    }
    int version = in.read();
    if (version != FORMAT) {
      throw version < 0 ? truncatedHeader() : new BackupException(Reason.UNSUPPORTED,
          "archive format version " + version + " is not supported; this pdkit reads version " + FORMAT
              + (version > FORMAT ? ": upgrade pdkit" : ""));
    }
    byte[] len = in.readNBytes(4);
    if (len.length < 4) {
      throw truncatedHeader();
    }
    int length = ((len[0] & 0xff) << 24) | ((len[1] & 0xff) << 16) | ((len[2] & 0xff) << 8) | (len[3] & 0xff);
    if (length < 2 || length > MAX_JSON) {
      throw damagedHeader();
    }
    byte[] body = in.readNBytes(length);
    byte[] checksum = in.readNBytes(32);
    if (body.length < length || checksum.length < 32) {
      throw truncatedHeader();
    }
    MessageDigest md = ChunkCipher.sha256();
    md.update(MAGIC);
    md.update((byte) version);
    md.update(len);
    md.update(body);
    if (!MessageDigest.isEqual(md.digest(), checksum)) {
      throw damagedHeader();
    }
    JsonNode tree;
    try {
      tree = Json.mapper().readTree(body);
    } catch (IOException e) {
      throw malformed("not JSON");
    }
    if (!(tree instanceof ObjectNode obj) || obj.path("format").asInt(-1) != FORMAT) {
      throw malformed("format field is not " + FORMAT);
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(MAGIC);
    all.write(version);
    all.writeBytes(len);
    all.writeBytes(body);
    all.writeBytes(checksum);
    return new Header(obj, all.toByteArray(), checksum);
  }

  /**
   * The file key, unwrapped with whichever offered key fits.
   *
   * @return null for unencrypted archives
   */
  byte @Nullable [] fileKey(@Nullable Supplier<byte[]> passphrase, List<byte[]> identities,
      boolean acceptUnencrypted, KeyCache cache) {
    switch (mode) {
      case NONE -> {
        if (!acceptUnencrypted) {
          throw new BackupException(Reason.WRONG_KEY, "archive is not encrypted, but a key was given"
              + " (an unencrypted archive where an encrypted one was expected may be a substitute);"
              + " open it without a key if that is expected");
        }
        return null;
      }
      case PASSPHRASE -> {
        if (passphrase == null) {
          throw new BackupException(Reason.WRONG_PASSPHRASE, "archive is encrypted with a passphrase and none"
              + " was given: set PDKIT_BACKUP_PASSPHRASE or use --passphrase-file");
        }
        JsonNode kdf = json.path("kdf");
        if (!"argon2id".equals(kdf.path("name").asText()) || kdf.path("version").asInt() != 19) {
          throw new BackupException(Reason.UNSUPPORTED, "archive uses an unknown key derivation: upgrade pdkit");
        }
        int memory = kdf.path("memory_kib").asInt(-1);
        int iterations = kdf.path("iterations").asInt(-1);
        int parallelism = kdf.path("parallelism").asInt(-1);
        if (memory < 8 || memory > (4 << 20) || iterations < 1 || iterations > 64 || parallelism < 1 || parallelism > 64) {
          throw malformed("Argon2id cost out of range");
        }
        byte[] kek = cache.argon2id(passphrase, b64(kdf, "salt", SALT_BYTES), memory, iterations, parallelism);
        try {
          return Aead.open(kek, b64(json, "wrap_nonce", Aead.NONCE_BYTES), b64(json, "wrapped_key", 48), PASSPHRASE_AAD);
        } catch (dev.pdkit.errors.CryptoException e) {
          throw new BackupException(Reason.WRONG_PASSPHRASE,
              "wrong passphrase: it does not open this archive");
        }
      }
      default -> {
        if (identities.isEmpty()) {
          throw new BackupException(Reason.WRONG_KEY, "archive is encrypted to recipient keys "
              + fingerprints() + " and no private key was given: use --identity FILE");
        }
        for (byte[] identity : identities) {
          byte[] pub = X25519Keys.publicKey(identity);
          String fp = X25519Keys.fingerprint(pub);
          for (Stanza s : recipients) {
            if (!s.fingerprint().equals(fp)) {
              continue;
            }
            try {
              byte[] wrapKey = recipientWrapKey(X25519Keys.agree(identity, s.ephemeral()), s.ephemeral(), pub);
              return Aead.open(wrapKey, new byte[Aead.NONCE_BYTES], s.wrapped(), new byte[0]);
            } catch (IllegalArgumentException | dev.pdkit.errors.CryptoException e) {
              throw new BackupException(Reason.TAMPERED,
                  "archive was altered: the key wrapped for recipient " + fp + " does not authenticate");
            }
          }
        }
        throw new BackupException(Reason.WRONG_KEY, "wrong key: archive is encrypted to " + fingerprints()
            + ", not to " + identities.stream().map(i -> X25519Keys.fingerprint(X25519Keys.publicKey(i))).toList());
      }
    }
  }

  /** The payload AES key derived from the file key. */
  byte[] payloadKey(byte[] fileKey) {
    return Kdf.hkdfSha256(fileKey, b64(json, "payload_salt", SALT_BYTES), PAYLOAD_INFO, 32);
  }

  List<String> fingerprints() {
    return recipients.stream().map(Stanza::fingerprint).toList();
  }

  private static byte[] recipientWrapKey(byte[] shared, byte[] ephemeralPub, byte[] recipientPub) {
    byte[] salt = Arrays.copyOf(ephemeralPub, 64);
    System.arraycopy(recipientPub, 0, salt, 32, 32);
    byte[] k = Kdf.hkdfSha256(shared, salt, X25519_INFO, 32);
    Arrays.fill(shared, (byte) 0);
    return k;
  }

  private String text(String field) {
    JsonNode n = json.get(field);
    if (n == null || !n.isTextual()) {
      throw malformed(field + " is missing");
    }
    return n.asText();
  }

  private static byte[] b64(JsonNode node, String field, int bytes) {
    try {
      byte[] b = Base64.getDecoder().decode(node.path(field).asText(""));
      if (b.length == bytes) {
        return b;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw malformed(field + " is not base64 of " + bytes + " bytes");
  }

  private static String enc(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  static byte[] u32(int v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  private static BackupException malformed(String what) {
    return new BackupException(Reason.TAMPERED, "archive header is malformed: " + what.toLowerCase(Locale.ROOT));
  }

  private static BackupException damagedHeader() {
    return new BackupException(Reason.TAMPERED, "archive header is damaged (its checksum does not match)");
  }

  private static BackupException truncatedHeader() {
    return new BackupException(Reason.TRUNCATED, "archive is truncated inside its header");
  }
}
