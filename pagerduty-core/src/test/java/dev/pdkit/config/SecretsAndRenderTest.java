package dev.pdkit.config;

import static dev.pdkit.config.ConfigFixtures.replace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pdkit.Secret;
import dev.pdkit.spi.CryptoProvider;
import dev.pdkit.spi.MasterKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsAndRenderTest {
  static final String KEY_A = Base64.getEncoder().encodeToString(filled(7));
  static final String KEY_B = Base64.getEncoder().encodeToString(filled(9));

  @TempDir Path tmp;

  static byte[] filled(int b) {
    byte[] k = new byte[32];
    java.util.Arrays.fill(k, (byte) b);
    return k;
  }

  ConfigLoader loader(Path config, String masterKey) {
    return ConfigLoader.builder().directory(config).environmentVariables(Map.of("PDKIT_MASTER_KEY", masterKey)).build();
  }

  /** Example config with an encrypted secret in dev and an encrypted TOTP secret in production. */
  Path configWithSecrets() {
    Path config = ConfigFixtures.copyExample(tmp);
    ConfigLoader l = loader(config, KEY_A);
    String db = l.encryptValue(Secret.of("db-password-1"));
    String totp = l.encryptValue(Secret.of("JBSWY3DPEHPK3PXP"));
    replace(config, "environments/dev.yaml", "environment: dev\n", "environment: dev\nsecrets:\n  db_password: " + db + "   # kept comment\n");
    replace(config, "environments/production.yaml", "protected: true                 # apply needs an approved plan\n",
        "protected: true                 # apply needs an approved plan\napprovals:\n  required: 2\n  totp_secret: \"" + totp + "\"\n");
    return config;
  }

  @Test
  void load_encryptedValues_decryptToSecrets() {
    Path config = configWithSecrets();
    DesiredState dev = loader(config, KEY_A).load("dev");
    Secret db = dev.secret("db_password").orElseThrow();
    assertThat(db.reveal()).isEqualTo("db-password-1");
    assertThat(dev.toString()).doesNotContain("db-password-1").contains("<redacted>");
    DesiredState prod = loader(config, KEY_A).load("production");
    assertThat(prod.approvals().required()).isEqualTo(2);
    assertThat(prod.approvals().totpSecret().reveal()).isEqualTo("JBSWY3DPEHPK3PXP");
    assertThat(prod.warnings()).isEmpty();
  }

  @Test
  void load_wrongKey_oneErrorNamingFileAndLine_noState() {
    Path config = configWithSecrets();
    ValidationResult r = loader(config, KEY_B).validate("dev");
    assertThat(r.state()).isNull();
    assertThat(r.errors()).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo(config.resolve("environments/dev.yaml").toString());
      assertThat(p.line()).isEqualTo(3);
      assertThat(p.column()).isEqualTo(16);
      assertThat(p.path()).isEqualTo("secrets.db_password");
      assertThat(p.message()).startsWith("cannot decrypt: value was encrypted with a different key");
    });
    assertThatThrownBy(() -> loader(config, KEY_B).load("dev")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("dev.yaml:3:16: secrets.db_password: cannot decrypt");
  }

  @Test
  void load_malformedMasterKey_reportedOnce() {
    Path config = configWithSecrets();
    ValidationResult r = loader(config, "bm90IDMyIGJ5dGVz").validate("dev");
    assertThat(r.errors()).singleElement().satisfies(p ->
        assertThat(p.message()).contains("must be base64 of 32 bytes"));
  }

  @Test
  void load_plainSecret_isAWarning() throws IOException {
    Path config = ConfigFixtures.copyExample(tmp);
    replace(config, "environments/staging.yaml", "environment: staging\n", "environment: staging\nsecrets:\n  token: plain-value\n");
    DesiredState s = ConfigLoader.builder().directory(config).environmentVariables(Map.of()).build().load("staging");
    assertThat(s.secret("token").orElseThrow().reveal()).isEqualTo("plain-value");
    assertThat(s.warnings()).singleElement().satisfies(w -> assertThat(w.message()).isEqualTo("secret is stored in clear text"));
  }

  @Test
  void render_redactsSecretsAndShowsMergedValues() {
    Path config = configWithSecrets();
    String yaml = loader(config, KEY_A).render("dev");
    assertThat(yaml).contains("db_password: <redacted>").doesNotContain("db-password-1").doesNotContain("enc:v1:");
    assertThat(yaml).contains("environment: dev").contains("name_prefix: '[dev] '").doesNotContain("checkout-worker")
        .doesNotContain("remove:");
    assertThat(yaml).contains("acknowledgement_timeout: null");
    String prod = loader(config, KEY_A).render("production");
    assertThat(prod).contains("totp_secret: <redacted>").contains("num_loops: 3").contains("checkout-worker");
  }

  @Test
  void render_invalidConfig_throws() {
    Path config = ConfigFixtures.copyExample(tmp);
    replace(config, "pagerduty.yaml", "num_loops: 2", "num_loops: 20");
    assertThatThrownBy(() -> loader(config, KEY_A).render("dev")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("must be at most 9");
  }

  @Test
  void diff_devAgainstProduction_listsEveryDifference() {
    Path config = configWithSecrets();
    List<String> lines = loader(config, KEY_A).diff("dev", "production").stream().map(ConfigDifference::format).toList();
    assertThat(lines).contains(
        "~ defaults.name_prefix: [dev]  -> ",
        "~ escalation_policies[platform].num_loops: 2 -> 3",
        "~ services[checkout-api].urgency: low -> high",
        "~ services[checkout-api].acknowledgement_timeout: null -> 30m",
        "~ services[checkout-api].auto_resolve_timeout: 4h -> null",
        "+ services[checkout-worker].key: checkout-worker",
        "+ protected: true",
        "+ approvals.required: 2");
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("- secrets.db_password: <redacted:"));
    assertThat(String.join("\n", lines)).doesNotContain("db-password-1").doesNotContain("JBSWY3DPEHPK3PXP");
    assertThat(loader(config, KEY_A).diff("staging", "staging")).isEmpty();
  }

  @Test
  void diff_invalidSide_throwsWithItsProblems() {
    Path config = ConfigFixtures.copyExample(tmp);
    assertThatThrownBy(() -> loader(config, KEY_A).diff("dev", "nope")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("no such environment 'nope'");
  }

  @Test
  void rotateKey_reencryptsEveryValue_preservingEverythingElse() throws IOException {
    Path config = configWithSecrets();
    String devBefore = Files.readString(config.resolve("environments/dev.yaml"));
    String prodBefore = Files.readString(config.resolve("environments/production.yaml"));
    String baseBefore = Files.readString(config.resolve("pagerduty.yaml"));
    Map<Path, Integer> counts = loader(config, KEY_A).rotateKey(CryptoProvider.bouncyCastle(MasterKey.fromBase64(Secret.of(KEY_B))));
    assertThat(counts).containsOnlyKeys(config.resolve("environments/dev.yaml"), config.resolve("environments/production.yaml"));
    assertThat(counts.values()).containsOnly(1);
    String devAfter = Files.readString(config.resolve("environments/dev.yaml"));
    assertThat(devAfter).isNotEqualTo(devBefore);
    assertThat(devAfter.replaceAll("enc:v1:[A-Za-z0-9_-]+", "TOKEN")).isEqualTo(devBefore.replaceAll("enc:v1:[A-Za-z0-9_-]+", "TOKEN"));
    assertThat(Files.readString(config.resolve("environments/production.yaml")).replaceAll("enc:v1:[A-Za-z0-9_-]+", "T"))
        .isEqualTo(prodBefore.replaceAll("enc:v1:[A-Za-z0-9_-]+", "T"));
    assertThat(Files.readString(config.resolve("pagerduty.yaml"))).isEqualTo(baseBefore);
    assertThat(loader(config, KEY_B).load("dev").secret("db_password").orElseThrow().reveal()).isEqualTo("db-password-1");
    assertThat(loader(config, KEY_A).validate("dev").isValid()).isFalse();
    try (var files = Files.list(config.resolve("environments"))) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void rotateKey_toPassphrase_thenLoadsWithPassphrase() {
    Path config = configWithSecrets();
    MasterKey pass = MasterKey.fromPassphrase(Secret.of("long passphrase"), new MasterKey.Argon2(256, 1, 1));
    loader(config, KEY_A).rotateKey(CryptoProvider.bouncyCastle(pass));
    DesiredState dev = ConfigLoader.builder().directory(config).environmentVariables(Map.of())
        .cryptoProvider(CryptoProvider.bouncyCastle(pass)).build().load("dev");
    assertThat(dev.secret("db_password").orElseThrow().reveal()).isEqualTo("db-password-1");
  }

  @Test
  void rotateKey_wrongCurrentKey_changesNothing() throws IOException {
    Path config = configWithSecrets();
    String devBefore = Files.readString(config.resolve("environments/dev.yaml"));
    assertThatThrownBy(() -> loader(config, KEY_B).rotateKey(CryptoProvider.bouncyCastle(MasterKey.fromBase64(Secret.of(KEY_A)))))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).errors()).hasSize(2)
            .allSatisfy(p -> assertThat(p.message()).startsWith("cannot decrypt with the current key")))
        .hasMessageContaining("dev.yaml:3:16");
    assertThat(Files.readString(config.resolve("environments/dev.yaml"))).isEqualTo(devBefore);
  }

  @Test
  void encryptValue_withoutKey_explainsWhatToSet() {
    Path config = ConfigFixtures.copyExample(tmp);
    ConfigLoader l = ConfigLoader.builder().directory(config).environmentVariables(Map.of()).build();
    assertThatThrownBy(() -> l.encryptValue(Secret.of("x"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("set PDKIT_MASTER_KEY");
    ConfigLoader bad = ConfigLoader.builder().directory(config).environmentVariables(Map.of("PDKIT_MASTER_KEY", "AAAA")).build();
    assertThatThrownBy(() -> bad.encryptValue(Secret.of("x"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("32 bytes");
  }
}
