package dev.pdkit.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pdkit.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code pdkit config ...} through {@link Main#run} in-process. */
class ConfigCommandTest {
  static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
  static final String KEY2 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

  @TempDir Path tmp;

  record Run(int code, String out, String err) {
    List<String> errLines() {
      return err.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  static Run run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, o, e, env);
    }
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreStdin() {
    ConfigCommand.EncryptValue.stdin = System.in;
  }

  Path example() {
    return ExampleConfig.writeTo(tmp.resolve("config"));
  }

  @Test
  void validate_example_exitsZeroForEveryEnvironment() {
    Path c = example();
    for (String env : List.of("dev", "staging", "production")) {
      Run r = run(Map.of(), "config", "validate", "--environment", env, "--config", c.toString());
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains("environment " + env + " is valid");
    }
    Run prod = run(Map.of("ENVIRONMENT", "production"), "config", "validate", "--config", c.toString());
    assertThat(prod.code()).isZero();
    assertThat(prod.out()).contains("1 warning");
    assertThat(prod.errLines()).singleElement().satisfies(l ->
        assertThat(l).startsWith(c.resolve("environments/production.yaml") + ":2:1: protected: warning: protected environment has no approvals"));
  }

  @Test
  void validate_brokenConfig_exitsTwoWithOneLinePerError() throws IOException {
    Path c = example();
    Path base = c.resolve("pagerduty.yaml");
    Files.writeString(base, Files.readString(base).replace("delay: 15m", "delay: 30s").replace("num_loops: 2", "num_loop: 2"));
    Run r = run(Map.of(), "config", "validate", "-e", "dev", "-c", c.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly(
        base + ":49:5: escalation_policies[0].num_loop: unknown key 'num_loop' (did you mean 'num_loops'?)",
        base + ":51:16: escalation_policies[0].rules[0].delay: delay 30s is below the minimum of 1 minute (use at least 1m)",
        "pdkit: 2 errors in " + c + " for environment dev");
  }

  @Test
  void validate_withoutEnvironment_isAUsageError() {
    Run r = run(Map.of(), "config", "validate", "--config", example().toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no environment: pass --environment (one of dev, production, staging) or set ENVIRONMENT");
  }

  @Test
  void render_printsMergedYamlWithSecretsRedacted() throws IOException {
    Path c = example();
    Run enc = runWithStdin(Map.of("PDKIT_MASTER_KEY", KEY), "s3cret-value\n", "config", "encrypt-value", "-c", c.toString());
    assertThat(enc.code()).as(enc.err()).isZero();
    String token = enc.out().trim();
    assertThat(token).startsWith("enc:v1:");
    Path dev = c.resolve("environments/dev.yaml");
    Files.writeString(dev, Files.readString(dev) + "secrets:\n  api: " + token + "\n");
    Run r = run(Map.of("PDKIT_MASTER_KEY", KEY), "config", "render", "-e", "dev", "-c", c.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("api: <redacted>").contains("name_prefix: '[dev] '").doesNotContain("s3cret-value");
    Run wrongKey = run(Map.of("PDKIT_MASTER_KEY", KEY2), "config", "render", "-e", "dev", "-c", c.toString());
    assertThat(wrongKey.code()).isEqualTo(2);
    assertThat(wrongKey.out()).isEmpty();
    assertThat(wrongKey.errLines()).singleElement().satisfies(l ->
        assertThat(l).startsWith(dev + ":11:8: secrets.api: cannot decrypt: value was encrypted with a different key"));
  }

  @Test
  void diff_listsDifferences() {
    Path c = example();
    Run r = run(Map.of(), "config", "diff", "staging", "production", "--config", c.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().lines()).contains(
        "~ escalation_policies[platform].num_loops: 2 -> 3",
        "~ services[checkout-api].urgency: low -> high",
        "~ services[checkout-api].auto_resolve_timeout: 4h -> null",
        "+ protected: true");
    Run same = run(Map.of(), "config", "diff", "dev", "dev", "--config", c.toString());
    assertThat(same.code()).isZero();
    assertThat(same.out()).isEmpty();
    Run bad = run(Map.of(), "config", "diff", "dev", "prod", "--config", c.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("no such environment 'prod'");
  }

  @Test
  void encryptValue_withoutKeyOrValue_isAUsageError() throws IOException {
    Path c = example();
    Run noKey = runWithStdin(Map.of(), "x", "config", "encrypt-value", "-c", c.toString());
    assertThat(noKey.code()).isEqualTo(2);
    assertThat(noKey.err()).contains("no encryption key is configured");
    Run empty = runWithStdin(Map.of("PDKIT_MASTER_KEY", KEY), "\n", "config", "encrypt-value", "-c", c.toString());
    assertThat(empty.code()).isEqualTo(2);
    assertThat(empty.err()).contains("nothing to encrypt");
    Path f = tmp.resolve("v.txt");
    Files.writeString(f, "from-file\n");
    Run file = run(Map.of("PDKIT_MASTER_KEY", KEY), "config", "encrypt-value", "--from-file", f.toString(), "-c", c.toString());
    assertThat(file.code()).isZero();
    assertThat(file.out()).startsWith("enc:v1:");
  }

  @Test
  void rotateKey_reencryptsAndTheNewKeyLoads() throws IOException {
    Path c = example();
    String token = runWithStdin(Map.of("PDKIT_MASTER_KEY", KEY), "v", "config", "encrypt-value", "-c", c.toString()).out().trim();
    Path staging = c.resolve("environments/staging.yaml");
    Files.writeString(staging, Files.readString(staging) + "secrets:\n  a: " + token + "\n");
    Run noNew = run(Map.of("PDKIT_MASTER_KEY", KEY), "config", "rotate-key", "-c", c.toString());
    assertThat(noNew.code()).isEqualTo(2);
    assertThat(noNew.err()).contains("PDKIT_NEW_MASTER_KEY");
    Map<String, String> env = new HashMap<>(Map.of("PDKIT_MASTER_KEY", KEY, "PDKIT_NEW_MASTER_KEY", KEY2));
    Run r = run(env, "config", "rotate-key", "-c", c.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(staging + ": re-encrypted 1 value\n");
    assertThat(r.err()).doesNotContain(KEY2);
    assertThat(run(Map.of("PDKIT_MASTER_KEY", KEY2), "config", "validate", "-e", "staging", "-c", c.toString()).code()).isZero();
    assertThat(run(Map.of("PDKIT_MASTER_KEY", KEY), "config", "validate", "-e", "staging", "-c", c.toString()).code()).isEqualTo(2);
  }

  @Test
  void example_writesAndValidatesTheBundledConfig() {
    Path out = tmp.resolve("new-config");
    Run r = run(Map.of(), "config", "example", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("config dev: valid (1 services", "config production: valid (2 services", "config staging: valid (2 services");
    assertThat(Files.exists(out.resolve("templates/deploy-finished.mustache"))).isTrue();
    Run again = run(Map.of(), "config", "example", "--out", out.toString());
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("already exists");
  }

  @Test
  void demo_loadsValidatesAndSendsFromTheExampleConfig() {
    Run r = run(Map.of(), "demo");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains("7. Config as code: validated the bundled example config (6 files):")
        .contains("   dev: valid, 1 service(s) named \"[dev] Checkout API\", escalation policy loops 2")
        .contains("   production: valid, 2 service(s) named \"Checkout API\", \"Checkout Worker\", escalation policy loops 3")
        .contains("     warning: protected environment has no approvals configured")
        .contains("templates.db-down rendered \"checkout: database orders unreachable from checkout-1.example.com\" (critical)"
            + " -> pd.events().trigger(...) -> success");
  }

  @Test
  void config_withoutSubcommand_isAUsageError() {
    Run r = run(Map.of(), "config");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("missing command");
  }

  static Run runWithStdin(Map<String, String> env, String stdin, String... args) {
    ConfigCommand.EncryptValue.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    return run(env, args);
  }
}
