package dev.pdkit.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void redactBody_masksSecretFieldsAndKnownValuesEverywhere() {
    Redactor r = Redactor.of(List.of("tok-secret-1"));
    String out = r.redactBody(b("{\"a\":[{\"routing_key\":\"RK1234567890\"}],"
        + "\"Token\":\"x\",\"note\":\"tok-secret-1 here\",\"n\":null,\"routing_key\":null,"
        + "\"secret\":{\"inner\":1}}"));
    assertThat(out).doesNotContain("RK1234567890").doesNotContain("tok-secret-1")
        .contains("\"routing_key\":\"<redacted>\"").contains("\"Token\":\"<redacted>\"")
        .contains("<redacted> here").contains("\"n\":null").contains("\"inner\":1");
  }

  @Test
  void withSecretsFrom_learnsRoutingKeysFromTheRequest() {
    Redactor r = Redactor.of(List.of()).withSecretsFrom(
        b("[{\"routing_key\":\"RKabcdef123456\",\"integration_key\":\"abc\"}]"));
    assertThat(r.redact("server said RKabcdef123456 is bad")).isEqualTo(
        "server said <redacted> is bad");
    assertThat(r.redact("abc is too short to be treated as a secret")).startsWith("abc");
    assertThat(Redactor.of(List.of()).withSecretsFrom(b("not json"))).isNotNull();
  }

  @Test
  void redact_longestSecretFirst_andPlainText() {
    Redactor r = Redactor.of(Arrays.asList("abcd", "abcdefgh", null, "  "));
    assertThat(r.redact("xx abcdefgh yy abcd")).isEqualTo("xx <redacted> yy <redacted>");
    assertThat(r.redactBody(b("plain abcdefgh"))).isEqualTo("plain <redacted>");
    assertThat(r.redactBody(new byte[0])).isEmpty();
    assertThat(r.redactBody(b("\"abcd\""))).isEqualTo("\"<redacted>\"");
    assertThat(Redactor.isSecretField("PASSWORD")).isTrue();
    assertThat(Redactor.isSecretField("summary")).isFalse();
  }
}
