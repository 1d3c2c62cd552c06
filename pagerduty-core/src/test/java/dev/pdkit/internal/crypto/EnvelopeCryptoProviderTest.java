package dev.pdkit.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pdkit.Secret;
import dev.pdkit.errors.CryptoException;
import dev.pdkit.spi.CryptoProvider;
import dev.pdkit.spi.MasterKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvelopeCryptoProviderTest {
  static final byte[] AAD = "ctx".getBytes(StandardCharsets.UTF_8);
  static final MasterKey.Argon2 FAST = new MasterKey.Argon2(64, 1, 1);

  static MasterKey key(int fill) {
    byte[] k = new byte[32];
    java.util.Arrays.fill(k, (byte) fill);
    return MasterKey.ofBytes(k);
  }

  @Test
  void encrypt_thenDecrypt_roundTrips() {
    CryptoProvider p = CryptoProvider.bouncyCastle(key(1));
    String token = p.encrypt("hunter2".getBytes(StandardCharsets.UTF_8), AAD);
    assertThat(token).startsWith("enc:v1:").doesNotContain("hunter2");
    assertThat(new String(p.decrypt(token, AAD), StandardCharsets.UTF_8)).isEqualTo("hunter2");
  }

  @Test
  void encrypt_samePlaintextTwice_givesDifferentTokens() {
    CryptoProvider p = CryptoProvider.bouncyCastle(key(1));
    byte[] v = "x".getBytes(StandardCharsets.UTF_8);
    assertThat(p.encrypt(v, AAD)).isNotEqualTo(p.encrypt(v, AAD));
  }

  @Test
  void decrypt_withOtherKey_saysDifferentKey() {
    String token = CryptoProvider.bouncyCastle(key(1)).encrypt(new byte[] {1, 2}, AAD);
    assertThatThrownBy(() -> CryptoProvider.bouncyCastle(key(2)).decrypt(token, AAD))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("encrypted with a different key");
  }

  @Test
  void decrypt_withOtherAad_failsAuthentication() {
    CryptoProvider p = CryptoProvider.bouncyCastle(key(1));
    String token = p.encrypt(new byte[] {1, 2}, AAD);
    assertThatThrownBy(() -> p.decrypt(token, "other".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("does not authenticate");
  }

  @Test
  void decrypt_tamperedCiphertext_failsAuthentication() {
    CryptoProvider p = CryptoProvider.bouncyCastle(key(1));
    String token = p.encrypt(new byte[] {1, 2, 3}, AAD);
    byte[] raw = Base64.getUrlDecoder().decode(token.substring(7));
    raw[raw.length - 1] ^= 1;
    String bad = "enc:v1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    assertThatThrownBy(() -> p.decrypt(bad, AAD)).isInstanceOf(CryptoException.class).hasMessageContaining("altered");
    raw[raw.length - 1] ^= 1;
    raw[10] ^= 1; // inside the wrapped data key
    String badKey = "enc:v1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    assertThatThrownBy(() -> p.decrypt(badKey, AAD)).isInstanceOf(CryptoException.class).hasMessageContaining("wrapped data key");
  }

  @Test
  void decrypt_malformedTokens_explainWhatIsWrong() {
    CryptoProvider p = CryptoProvider.bouncyCastle(key(1));
    assertThatThrownBy(() -> p.decrypt("plain", AAD)).hasMessageContaining("must start with enc:v1:");
    assertThatThrownBy(() -> p.decrypt("enc:v1:***", AAD)).hasMessageContaining("not base64url");
    assertThatThrownBy(() -> p.decrypt("enc:v1:AQ", AAD)).hasMessageContaining("truncated");
    assertThatThrownBy(() -> p.decrypt("enc:v1:CQ", AAD)).hasMessageContaining("unknown key mode 9");
  }

  @Test
  void passphrase_roundTripsAndRecordsParameters() {
    CryptoProvider p = CryptoProvider.bouncyCastle(MasterKey.fromPassphrase(Secret.of("correct horse"), FAST));
    String token = p.encrypt("v".getBytes(StandardCharsets.UTF_8), AAD);
    byte[] raw = Base64.getUrlDecoder().decode(token.substring(7));
    assertThat(raw[0]).isEqualTo((byte) 2);
    assertThat(java.nio.ByteBuffer.wrap(raw, 1, 4).getInt()).isEqualTo(64);
    // a fresh provider (other salt for its own tokens) still decrypts using the salt in the token
    CryptoProvider q = CryptoProvider.bouncyCastle(MasterKey.fromPassphrase(Secret.of("correct horse"), FAST));
    assertThat(q.decrypt(token, AAD)).isEqualTo("v".getBytes(StandardCharsets.UTF_8));
    CryptoProvider wrong = CryptoProvider.bouncyCastle(MasterKey.fromPassphrase(Secret.of("wrong horse"), FAST));
    assertThatThrownBy(() -> wrong.decrypt(token, AAD)).hasMessageContaining("different key");
  }

  @Test
  void decrypt_modeMismatch_namesBothKinds() {
    String raw = CryptoProvider.bouncyCastle(key(1)).encrypt(new byte[] {1}, AAD);
    String pass = CryptoProvider.bouncyCastle(MasterKey.fromPassphrase(Secret.of("p"), FAST)).encrypt(new byte[] {1}, AAD);
    assertThatThrownBy(() -> CryptoProvider.bouncyCastle(MasterKey.fromPassphrase(Secret.of("p"), FAST)).decrypt(raw, AAD))
        .hasMessageContaining("a passphrase is configured");
    assertThatThrownBy(() -> CryptoProvider.bouncyCastle(key(1)).decrypt(pass, AAD))
        .hasMessageContaining("a master key is configured");
  }

  @Test
  void keyId_isStablePerKey() {
    EnvelopeCryptoProvider a = new EnvelopeCryptoProvider(key(1));
    assertThat(a.keyId()).hasSize(8).isEqualTo(new EnvelopeCryptoProvider(key(1)).keyId());
    assertThat(a.keyId()).isNotEqualTo(new EnvelopeCryptoProvider(key(2)).keyId());
  }

  @Test
  void masterKey_fromEnvironment_prefersRawKeyAndValidates() {
    String b64 = Base64.getEncoder().encodeToString(new byte[32]);
    assertThat(MasterKey.fromEnvironment(Map.of("PDKIT_MASTER_KEY", b64, "PDKIT_PASSPHRASE", "x")).orElseThrow().isPassphrase()).isFalse();
    assertThat(MasterKey.fromEnvironment(Map.of("PDKIT_PASSPHRASE", "x")).orElseThrow().isPassphrase()).isTrue();
    assertThat(MasterKey.fromEnvironment(Map.of())).isEmpty();
    assertThatThrownBy(() -> MasterKey.fromEnvironment(Map.of("PDKIT_MASTER_KEY", "c2hvcnQ=")))
        .hasMessageContaining("32 bytes, got 5");
    assertThatThrownBy(() -> MasterKey.fromEnvironment(Map.of("PDKIT_MASTER_KEY", "@@@")))
        .hasMessageContaining("not valid base64");
    assertThat(key(1).toString()).isEqualTo("<redacted>");
    assertThat(key(1)).isEqualTo(key(1)).isNotEqualTo(key(2)).hasSameHashCodeAs(key(1));
    assertThatThrownBy(() -> MasterKey.ofBytes(new byte[3])).hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> key(1).passphrase()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> MasterKey.fromPassphrase(Secret.of("x")).rawKey()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new MasterKey.Argon2(1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MasterKey.Argon2(64, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MasterKey.Argon2(64, 1, 9)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void kdf_matchesPublishedVectors() {
    // RFC 5869 test case 1
    byte[] ikm = HexFormat.of().parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
    byte[] salt = HexFormat.of().parseHex("000102030405060708090a0b0c");
    byte[] okm = Kdf.hkdfSha256(ikm, salt, HexFormat.of().parseHex("f0f1f2f3f4f5f6f7f8f9"), 42);
    assertThat(HexFormat.of().formatHex(okm))
        .isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    byte[] a = Kdf.argon2id("pw".getBytes(StandardCharsets.UTF_8), new byte[16], 64, 1, 1, 32);
    assertThat(a).hasSize(32).isEqualTo(Kdf.argon2id("pw".getBytes(StandardCharsets.UTF_8), new byte[16], 64, 1, 1, 32));
    assertThat(a).isNotEqualTo(Kdf.argon2id("pw".getBytes(StandardCharsets.UTF_8), new byte[16], 64, 2, 1, 32));
  }

  @Test
  void aead_rejectsBadInput() {
    assertThatThrownBy(() -> Aead.seal(new byte[16], new byte[12], new byte[1], new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Aead.open(new byte[32], new byte[12], new byte[3], new byte[0]))
        .isInstanceOf(CryptoException.class).hasMessageContaining("truncated");
  }
}
