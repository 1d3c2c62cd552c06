package dev.pdkit.config;

import static dev.pdkit.config.ConfigFixtures.replace;
import static dev.pdkit.config.ConfigFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pdkit.spi.CacheProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path tmp;

  /** A map-backed cache provider that records lookups. */
  static final class RecordingCache implements CacheProvider {
    final Map<String, Object> entries = new ConcurrentHashMap<>();
    final List<String> hits = new ArrayList<>();
    final List<String> misses = new ArrayList<>();
    String name;

    @Override
    @SuppressWarnings("unchecked")
    public <V> Cache<V> cache(String cacheName, Class<V> valueType, Duration ttl, long maxEntries) {
      this.name = cacheName;
      return new Cache<>() {
        @Override
        public V getIfPresent(String key) {
          V v = (V) entries.get(key);
          (v == null ? misses : hits).add(key);
          return v;
        }

        @Override
        public void put(String key, V value) {
          entries.put(key, value);
        }

        @Override
        public void invalidate(String key) {
          entries.remove(key);
        }

        @Override
        public void invalidateAll() {
          entries.clear();
        }
      };
    }
  }

  @Test
  void load_withCache_reusesParsedFilesByContentHash() {
    Path config = ConfigFixtures.copyExample(tmp);
    RecordingCache cache = new RecordingCache();
    ConfigLoader loader = ConfigLoader.builder().directory(config).environmentVariables(Map.of()).cacheProvider(cache).build();
    DesiredState first = loader.load("dev");
    assertThat(cache.name).isEqualTo(ConfigLoader.CACHE_NAME);
    assertThat(cache.misses).hasSize(3);
    assertThat(cache.hits).isEmpty();
    DesiredState second = loader.load("dev");
    assertThat(cache.hits).hasSize(3);
    assertThat(second).usingRecursiveComparison().ignoringFields("templates").isEqualTo(first);
    assertThat(second.templates()).hasToString("Templates[db-down, deploy-finished]");
    assertThat(second.contentHash()).isEqualTo(first.contentHash());
    replace(config, "pagerduty.yaml", "num_loops: 2", "num_loops: 4");
    DesiredState third = loader.load("dev");
    assertThat(cache.misses).hasSize(4);
    assertThat(third.escalationPolicy("platform").orElseThrow().numLoops()).isEqualTo(4);
    assertThat(third.contentHash()).isNotEqualTo(first.contentHash());
  }

  @Test
  void load_withoutArgument_usesEnvironmentVariable() {
    ConfigLoader l = ConfigLoader.builder().directory(ConfigFixtures.EXAMPLE).environmentVariables(Map.of("ENVIRONMENT", "staging")).build();
    assertThat(l.load().environment()).isEqualTo("staging");
    assertThat(l.directory()).isEqualTo(ConfigFixtures.EXAMPLE);
    ConfigLoader none = ConfigLoader.builder().directory(ConfigFixtures.EXAMPLE).environmentVariables(Map.of()).build();
    assertThatThrownBy(none::load).isInstanceOf(ConfigException.class)
        .hasMessageContaining("no environment given and ENVIRONMENT is not set")
        .hasMessageContaining("known: dev, production, staging");
  }

  @Test
  void substitution_fromInjectedVariables_reachesTheState() {
    Path config = ConfigFixtures.copyExample(tmp);
    replace(config, "pagerduty.yaml", "from: ops@example.com", "from: ${PD_FROM:-fallback@example.com}");
    replace(config, "pagerduty.yaml", "num_loops: 2", "num_loops: ${LOOPS}");
    DesiredState s = ConfigLoader.builder().directory(config)
        .environmentVariables(Map.of("PD_FROM", "oncall@example.com", "LOOPS", "5")).build().load("staging");
    assertThat(s.defaults().from()).isEqualTo("oncall@example.com");
    assertThat(s.escalationPolicy("platform").orElseThrow().numLoops()).isEqualTo(5);
  }

  @Test
  void builder_withoutDirectory_namesIt() {
    assertThatThrownBy(() -> ConfigLoader.builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessage("ConfigLoader.builder() is missing: directory");
    assertThatThrownBy(() -> ConfigLoader.builder().maxFileBytes(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void validate_missingFolderOrBaseOrBadName_reportsClearly() {
    ConfigLoader missing = ConfigLoader.forDirectory(tmp.resolve("nope"));
    assertThat(missing.validate("dev").errors()).singleElement()
        .satisfies(p -> assertThat(p.message()).isEqualTo("config folder not found"));
    assertThat(missing.environments()).isEmpty();
    assertThat(missing.validate("../etc").errors()).singleElement()
        .satisfies(p -> assertThat(p.message()).isEqualTo("invalid environment name '../etc'"));
    Path config = ConfigFixtures.copyExample(tmp);
    write(config, "pagerduty.yaml", "");
    ValidationResult r = ConfigLoader.builder().directory(config).environmentVariables(Map.of()).build().validate("dev");
    assertThat(r.errors()).extracting(ConfigProblem::message).contains("missing required key 'version'");
  }

  @Test
  void validate_fileOverLimit_isRefusedWithoutReading() {
    Path config = ConfigFixtures.copyExample(tmp);
    ValidationResult r = ConfigLoader.builder().directory(config).environmentVariables(Map.of()).maxFileBytes(1000).build().validate("dev");
    assertThat(r.errors()).singleElement().satisfies(p -> {
      assertThat(p.file()).endsWith("pagerduty.yaml");
      assertThat(p.message()).startsWith("file is ").endsWith("over the limit of 1000 bytes");
    });
  }

  @Test
  void validate_baseWithoutFile_andEmptyServicesDir() throws Exception {
    Files.createDirectories(tmp.resolve("c/environments"));
    write(tmp.resolve("c"), "environments/dev.yaml", "environment: dev\n");
    ValidationResult r = ConfigLoader.builder().directory(tmp.resolve("c")).environmentVariables(Map.of()).build().validate("dev");
    assertThat(r.errors()).singleElement().satisfies(p -> {
      assertThat(p.message()).isEqualTo("missing base file pagerduty.yaml");
      assertThat(p.hint()).isEqualTo("create it with at least: version: 1");
    });
  }

  @Test
  void validate_everyIssueAtOnce_acrossFiles() {
    Path config = ConfigFixtures.copyExample(tmp);
    replace(config, "pagerduty.yaml", "num_loops: 2", "num_loops: 20");
    replace(config, "services/checkout.yaml", "urgency: high", "urgency: urgent");
    replace(config, "environments/dev.yaml", "urgency: low", "urgncy: low");
    ValidationResult r = ConfigLoader.builder().directory(config).environmentVariables(Map.of()).build().validate("dev");
    assertThat(r.errors()).extracting(ConfigProblem::message).containsExactly(
        "must be at most 9", "'urgent' is not one of: high, low, support_hours", "unknown key 'urgncy'");
    assertThat(r.isValid()).isFalse();
    assertThat(r.desiredState()).isEmpty();
    ConfigException e = new ConfigException(r.problems());
    assertThat(e.errors()).hasSize(3);
    assertThat(e.getMessage()).startsWith("invalid pdkit config (3 errors):\n");
  }

  @Test
  void singleServiceFile_andDuplicateAcrossFiles() {
    Path config = ConfigFixtures.copyExample(tmp);
    write(config, "services/billing.yaml", "key: billing\nname: Billing\nescalation_policy: platform\nadopt: true\nmanage: false\n");
    DesiredState s = ConfigLoader.builder().directory(config).environmentVariables(Map.of()).build().load("staging");
    ServiceSpec billing = s.service("billing").orElseThrow();
    assertThat(billing.adopt()).isTrue();
    assertThat(billing.managed()).isFalse();
    assertThat(billing.urgency()).isEqualTo(ServiceSpec.Urgency.HIGH);
    write(config, "services/dup.yaml", "key: billing\nname: Billing 2\nescalation_policy: platform\n");
    ValidationResult r = ConfigLoader.builder().directory(config).environmentVariables(Map.of()).build().validate("staging");
    assertThat(r.errors()).singleElement().satisfies(p -> {
      assertThat(p.file()).endsWith("services/dup.yaml");
      assertThat(p.message()).isEqualTo("duplicate service key 'billing'");
      assertThat(p.hint()).startsWith("first defined at ").contains("billing.yaml:1:6");
    });
  }

  @Test
  void overlay_addsNewItemsAndRemovesUsersTeamsTemplates() {
    Path config = ConfigFixtures.copyExample(tmp);
    replace(config, "environments/staging.yaml", "environment: staging\n", """
        environment: staging
        users:
          - email: dave@example.com
            name: Dave
            manage: true
            time_zone: America/New_York
        escalation_policies:
          - key: night
            name: Night
            rules:
              - delay: PT5M
                targets: [ "user:dave@example.com", "user:dave@example.com" ]
        remove: [ "template:db-down" ]
        """);
    ValidationResult r = ConfigLoader.builder().directory(config).environmentVariables(Map.of()).build().validate("staging");
    assertThat(r.errors()).singleElement().satisfies(p -> {
      assertThat(p.message()).isEqualTo("target user:dave@example.com is listed twice in this rule");
      assertThat(p.path()).isEqualTo("escalation_policies[0].rules[0].targets[1]");
    });
    replace(config, "environments/staging.yaml", "[ \"user:dave@example.com\", \"user:dave@example.com\" ]", "[ \"user:dave@example.com\" ]");
    DesiredState s = ConfigLoader.builder().directory(config).environmentVariables(Map.of()).build().load("staging");
    assertThat(s.user("dave@example.com").orElseThrow().timeZone()).isEqualTo(java.time.ZoneId.of("America/New_York"));
    assertThat(s.escalationPolicy("night").orElseThrow().rules().get(0).delay()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.escalationPolicy("night").orElseThrow().name()).isEqualTo("[staging] Night");
    assertThat(s.templates().names()).containsExactly("deploy-finished");
    assertThat(s.escalationPolicies()).hasSize(2);
  }

  @Test
  void removedServiceStillReferenced_hintsAtTheRemoval() {
    Path config = ConfigFixtures.copyExample(tmp);
    replace(config, "environments/dev.yaml", "  - service:checkout-worker", "  - service:checkout-worker\n  - escalation_policy:platform");
    ValidationResult r = ConfigLoader.builder().directory(config).environmentVariables(Map.of()).build().validate("dev");
    assertThat(r.errors()).singleElement().satisfies(p -> {
      assertThat(p.message()).isEqualTo("unknown escalation policy 'platform'");
      assertThat(p.hint()).isEqualTo("it is removed in this environment by remove: [escalation_policy:platform]");
    });
  }

  @Test
  void templateFile_conflictsAndBadNames_areErrors() {
    Path config = ConfigFixtures.copyExample(tmp);
    write(config, "templates/db-down.mustache", "x");
    write(config, "templates/Bad Name.mustache", "x");
    write(config, "templates/broken.mustache", "{{#a}}");
    ValidationResult r = ConfigLoader.builder().directory(config).environmentVariables(Map.of()).build().validate("dev");
    assertThat(r.errors()).extracting(ConfigProblem::message).containsExactlyInAnyOrder(
        "invalid template file name 'Bad Name.mustache'",
        "template 'db-down' is also defined inline at " + config.resolve("pagerduty.yaml") + ":58:5",
        "invalid template: Section missing close tag 'a' @ line 1");
  }

  @Test
  void problem_formatsWarningsAndWholeFileProblems() {
    ConfigProblem w = new ConfigProblem(ConfigProblem.Severity.WARNING, "f.yaml", 2, 3, "a.b", "careful", "do x");
    assertThat(w.format()).isEqualTo("f.yaml:2:3: a.b: warning: careful");
    assertThat(w).hasToString("f.yaml:2:3: a.b: warning: careful (do x)");
    ConfigProblem whole = new ConfigProblem(ConfigProblem.Severity.ERROR, "dir", 0, 0, "", "gone", null);
    assertThat(whole).hasToString("dir: gone");
    ConfigException onlyWarnings = new ConfigException(List.of(w));
    assertThat(onlyWarnings.getMessage()).isEqualTo("invalid pdkit config (0 errors):\nf.yaml:2:3: a.b: warning: careful (do x)");
  }
}
