package dev.pdkit.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pdkit.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {
  /** RFC 6238 appendix B's SHA-1 seed, "12345678901234567890", in base32. */
  private static final Secret RFC = Secret.of(Totp.toBase32("12345678901234567890".getBytes(StandardCharsets.US_ASCII)));

  @Test
  void code_rfc6238Vectors_lastSixDigits() {
    assertThat(RFC.reveal()).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    assertThat(Totp.code(RFC, Instant.ofEpochSecond(59))).isEqualTo("287082");
    assertThat(Totp.code(RFC, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
    assertThat(Totp.code(RFC, Instant.ofEpochSecond(1111111111))).isEqualTo("050471");
    assertThat(Totp.code(RFC, Instant.ofEpochSecond(1234567890))).isEqualTo("005924");
    assertThat(Totp.code(RFC, Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
  }

  @Test
  void verify_acceptsOneStepEitherSide_rejectsTwo() {
    Instant now = Instant.ofEpochSecond(1_800_000_015);
    String current = Totp.code(RFC, now);
    assertThat(Totp.verify(RFC, current, now)).isTrue();
    assertThat(Totp.verify(RFC, " " + current + " ", now)).isTrue();
    assertThat(Totp.verify(RFC, Totp.code(RFC, now.minusSeconds(30)), now)).isTrue();
    assertThat(Totp.verify(RFC, Totp.code(RFC, now.plusSeconds(30)), now)).isTrue();
    assertThat(Totp.verify(RFC, Totp.code(RFC, now.minusSeconds(60)), now)).isFalse();
    assertThat(Totp.verify(RFC, Totp.code(RFC, now.plusSeconds(60)), now)).isFalse();
    assertThat(Totp.verify(RFC, "12345", now)).isFalse();
    assertThat(Totp.verify(RFC, "abcdef", now)).isFalse();
  }

  @Test
  void secret_lowercaseSpacedAndPadded_isAccepted_notBase32_isNamedWithoutValue() {
    Secret spaced = Secret.of("gezd gnbv gy3t qojq gezd gnbv gy3t qojq====");
    assertThat(Totp.code(spaced, Instant.ofEpochSecond(59))).isEqualTo("287082");
    assertThatThrownBy(() -> Totp.code(Secret.of("GEZDGNBVGY3TQOJ1GEZDGNBV"), Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not base32")
        .hasMessageNotContaining("GEZD");
    assertThatThrownBy(() -> Totp.code(Secret.of("GEZDGNBV"), Instant.EPOCH))
        .hasMessageContaining("too short");
  }
}
