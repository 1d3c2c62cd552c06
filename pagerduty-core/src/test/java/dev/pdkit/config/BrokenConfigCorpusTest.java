package dev.pdkit.config;

import static dev.pdkit.config.ConfigFixtures.replace;
import static dev.pdkit.config.ConfigFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One fault per case, each on top of the valid example config: the validator must report exactly
 * one error, at the exact file, line, column and path, with the exact message (and hint where the
 * case names one).
 */
class BrokenConfigCorpusTest {
  static final String BASE = "pagerduty.yaml";
  static final String SVC = "services/checkout.yaml";
  static final String DEV = "environments/dev.yaml";
  static final String PROD = "environments/production.yaml";

  record Case(
      String name, String env, Consumer<Path> fault, String file, int line, int column, String path,
      String message, String hint) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case c(String name, String env, Consumer<Path> fault, String file, int line, int col, String path, String message) {
    return new Case(name, env, fault, file, line, col, path, message, null);
  }

  static Case c(String name, String env, Consumer<Path> fault, String file, int line, int col, String path, String message, String hint) {
    return new Case(name, env, fault, file, line, col, path, message, hint);
  }

  static Consumer<Path> r(String file, String old, String replacement) {
    return dir -> replace(dir, file, old, replacement);
  }

  static Stream<Case> corpus() {
    return Stream.of(
        c("delay below one minute", "dev", r(BASE, "delay: 15m", "delay: 30s"),
            BASE, 51, 16, "escalation_policies[0].rules[0].delay", "delay 30s is below the minimum of 1 minute", "use at least 1m"),
        c("delay not whole minutes", "dev", r(BASE, "delay: 30m", "delay: 90s"),
            BASE, 53, 16, "escalation_policies[0].rules[1].delay", "delay must be whole minutes"),
        c("unknown key with did-you-mean", "dev", r(BASE, "num_loops: 2", "num_loop: 2"),
            BASE, 49, 5, "escalation_policies[0].num_loop", "unknown key 'num_loop'", "did you mean 'num_loops'?"),
        c("integer written as word", "dev", r(BASE, "num_loops: 2", "num_loops: two"),
            BASE, 49, 16, "escalation_policies[0].num_loops", "expected an integer but found a string"),
        c("integer in quotes", "dev", r(BASE, "num_loops: 2", "num_loops: \"2\""),
            BASE, 49, 16, "escalation_policies[0].num_loops", "expected an integer but found a string", "remove the quotes"),
        c("num_loops too large", "dev", r(BASE, "num_loops: 2", "num_loops: 12"),
            BASE, 49, 16, "escalation_policies[0].num_loops", "must be at most 9"),
        c("urgency typo", "dev", r(SVC, "urgency: support_hours", "urgency: suport_hours"),
            SVC, 20, 14, "services[1].urgency", "'suport_hours' is not one of: high, low, support_hours", "did you mean 'support_hours'?"),
        c("unknown escalation policy", "staging", r(SVC, "escalation_policy: platform\n    urgency: high", "escalation_policy: platfrom\n    urgency: high"),
            SVC, 6, 24, "services[0].escalation_policy", "unknown escalation policy 'platfrom'", "did you mean 'platform'?"),
        c("unknown team on schedule", "dev", r(BASE, "    team: platform\n    layers:", "    team: platfrm\n    layers:"),
            BASE, 31, 11, "schedules[0].team", "unknown team 'platfrm'", "did you mean 'platform'?"),
        c("unknown schedule target", "dev", r(BASE, "schedule:platform-primary", "schedule:platform-secondary"),
            BASE, 52, 20, "escalation_policies[0].rules[0].targets[0]", "unknown schedule 'platform-secondary'"),
        c("unknown user target", "dev", r(BASE, "user:carol@example.com", "user:dave@example.com"),
            BASE, 54, 20, "escalation_policies[0].rules[1].targets[0]", "unknown user 'dave@example.com'"),
        c("rule without targets", "dev", r(BASE, "targets: [ \"user:carol@example.com\" ]", "targets: []"),
            BASE, 54, 18, "escalation_policies[0].rules[1].targets", "escalation rule has no targets"),
        c("rule missing targets", "dev", r(BASE, "\n        targets: [ \"user:carol@example.com\" ]", ""),
            BASE, 53, 9, "escalation_policies[0].rules[1]", "missing required key 'targets'"),
        c("layer without users", "dev", r(BASE, "users: [carol@example.com]", "users: []"),
            BASE, 40, 16, "schedules[0].layers[1].users", "layer has no users"),
        c("invalid time zone", "dev", r(BASE, "time_zone: Europe/Berlin", "time_zone: Europe/Berln"),
            BASE, 4, 14, "defaults.time_zone", "unknown time zone 'Europe/Berln'", "did you mean 'Europe/Berlin'?"),
        c("overlapping restrictions", "dev", r(BASE, "start_day: tuesday, start_time: \"09:00\"", "start_day: monday, start_time: \"12:00\""),
            BASE, 43, 13, "schedules[0].layers[1].restrictions[1]", "restriction overlaps restrictions[0] (line 42)"),
        c("duplicate service key", "staging", r(SVC, "key: checkout-worker", "key: checkout-api"),
            SVC, 16, 10, "services[1].key", "duplicate service key 'checkout-api'"),
        c("unclosed flow map", "dev", r(SVC, "{ type: time, timeout: 5m }", "{ type: time, timeout: 5m"),
            SVC, 11, 17, "", "YAML syntax error: while parsing a flow mapping, expected ',' or '}', but got :"),
        c("tab indentation", "dev", r(SVC, "    description: Payments", "\tdescription: Payments"),
            SVC, 4, 1, "", "YAML syntax error: while scanning for the next token, found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)", "indent with spaces, not tabs"),
        c("unset variable", "dev", r(BASE, "from: ops@example.com", "from: ${PD_FROM}"),
            BASE, 5, 9, "defaults.from", "environment variable PD_FROM is not set", "set PD_FROM or write ${PD_FROM:-default}"),
        c("invalid duration", "dev", r(BASE, "turn_length: 7d", "turn_length: 7 days"),
            BASE, 35, 22, "schedules[0].layers[0].turn_length", "invalid duration '7 days'", "write a duration such as 30s, 15m, 4h, 7d or ISO-8601 PT15M"),
        c("invalid time of day", "dev", r(BASE, "start_day: monday, start_time: \"09:00\"", "start_day: monday, start_time: \"9am\""),
            BASE, 42, 60, "schedules[0].layers[1].restrictions[0].start_time", "invalid time of day '9am'"),
        c("service missing name", "staging", r(SVC, "    name: Checkout Worker\n", ""),
            SVC, 16, 5, "services[1]", "missing required key 'name'", "add name: ..."),
        c("remove matches nothing", "dev", r(DEV, "service:checkout-worker", "service:checkout-wroker"),
            DEV, 9, 5, "remove[0]", "nothing to remove: no service 'checkout-wroker'", "did you mean 'checkout-worker'?"),
        c("environment name mismatch", "dev", r(DEV, "environment: dev", "environment: develop"),
            DEV, 1, 14, "environment", "environment 'develop' does not match the file name dev.yaml", "write environment: dev"),
        c("unsupported version", "dev", r(BASE, "version: 1", "version: 2"),
            BASE, 1, 10, "version", "'2' is not supported; expected 1"),
        c("unknown top-level key", "dev", r(BASE, "version: 1\n", "version: 1\nservics: []\n"),
            BASE, 2, 1, "servics", "unknown key 'servics'", "did you mean 'services'?"),
        c("string instead of list", "dev", r(BASE, "users: [alice@example.com, bob@example.com]", "users: alice@example.com"),
            BASE, 36, 16, "schedules[0].layers[0].users", "expected a list but found a string"),
        c("unknown team member", "dev", r(BASE, "{ user: bob@example.com }", "{ user: bobby@example.com }"),
            BASE, 25, 17, "teams[0].members[1].user", "unknown user 'bobby@example.com'"),
        c("duplicate map key", "staging", r(SVC, "    urgency: high ", "    urgency: high\n    urgency: low "),
            SVC, 8, 5, "services[0].urgency", "duplicate key 'urgency'", "it is already set at line 7; keep one"),
        c("support hours end before start", "staging", r(SVC, "end_time: \"17:00\"", "end_time: \"08:00\""),
            SVC, 25, 17, "services[1].support_hours.end_time", "end_time must be after start_time"),
        c("support_hours urgency without hours", "staging",
            r(SVC, "    support_hours:\n      time_zone: Europe/Berlin\n      days: [monday, tuesday, wednesday, thursday, friday]\n      start_time: \"09:00\"\n      end_time: \"17:00\"\n", ""),
            SVC, 20, 14, "services[1].urgency", "urgency support_hours needs a support_hours section"),
        c("integration type typo", "dev", r(SVC, "type: events_api_v2\n        name: Prometheus", "type: events_api_v3\n        name: Prometheus"),
            SVC, 13, 15, "services[0].integrations[0].type", "'events_api_v3' is not one of: events_api_v2, generic_events_api, email", "did you mean 'events_api_v2'?"),
        c("team role invalid", "dev", r(BASE, "role: manager }", "role: boss }"),
            BASE, 24, 42, "teams[0].members[0].role", "'boss' is not one of: manager, responder, observer"),
        c("invalid e-mail", "dev", r(BASE, "  - email: carol@example.com", "  - email: dave.example.com\n  - email: carol@example.com"),
            BASE, 15, 12, "users[2].email", "invalid e-mail address 'dave.example.com'", "write an e-mail address such as alice@example.com"),
        c("encrypted value outside secrets", "dev", r(SVC, "description: Payments and checkout backend", "description: enc:v1:AAAA"),
            SVC, 4, 18, "services[0].description", "encrypted values are only allowed under secrets: and approvals.totp_secret"),
        c("encrypted secret without key", "dev", r(DEV, "environment: dev\n", "environment: dev\nsecrets:\n  db: enc:v1:AAAA\n"),
            DEV, 3, 7, "secrets.db", "encrypted value but no key is configured", "set PDKIT_MASTER_KEY (base64 of 32 bytes) or PDKIT_PASSPHRASE"),
        c("daily restriction with start day", "dev", r(BASE, "{ type: weekly, start_day: monday", "{ type: daily, start_day: monday"),
            BASE, 42, 28, "schedules[0].layers[1].restrictions[0].start_day", "start_day only applies to weekly restrictions"),
        c("weekly restriction without start day", "dev", r(BASE, "type: weekly, start_day: tuesday, ", "type: weekly, "),
            BASE, 43, 13, "schedules[0].layers[1].restrictions[1]", "missing required key 'start_day'"),
        c("layer ends before it starts", "dev", r(BASE, "turn_length: 1d", "end: 2025-01-01T00:00:00Z\n        turn_length: 1d"),
            BASE, 39, 14, "schedules[0].layers[1].end", "end must be after start"),
        c("protected not boolean", "production", r(PROD, "protected: true", "protected: yes"),
            PROD, 2, 12, "protected", "expected true or false but found a string"),
        c("template severity typo", "dev", r(BASE, "severity: critical", "severity: critcal"),
            BASE, 59, 15, "templates.db-down.severity", "'critcal' is not one of: critical, error, warning, info", "did you mean 'critical'?"),
        c("template unclosed section", "dev", r(BASE, "\"{{service}}: database", "\"{{#service}}: database"),
            BASE, 58, 14, "templates.db-down.summary", "invalid template: Section missing close tag 'service' @ line 1"),
        c("timeout with intelligent grouping", "dev", r(SVC, "{ type: time, timeout: 5m }", "{ type: intelligent, timeout: 5m }"),
            SVC, 10, 42, "services[0].alert_grouping.timeout", "timeout only applies to alert_grouping type time"),
        c("malformed remove entry", "dev", r(DEV, "service:checkout-worker", "svc:checkout-worker"),
            DEV, 9, 5, "remove[0]", "invalid removal 'svc:checkout-worker'"),
        c("approval key not base64 of 32 bytes", "production", r(PROD, "protected: true", "protected: true\napprovals:\n  ed25519_public_keys: [abc]"),
            PROD, 4, 25, "approvals.ed25519_public_keys[0]", "not an Ed25519 public key (base64 of 32 bytes)"),
        c("custom yaml tag", "dev", r(SVC, "urgency: high ", "urgency: !custom high "),
            SVC, 7, 14, "services[0].urgency", "custom YAML tag !custom is not supported", "remove the tag"),
        c("single service file with unknown key", "dev", dir -> write(dir, "services/single.yaml", "key: billing\nname: Billing\nescalation_policy: platform\nowner: me\n"),
            "services/single.yaml", 4, 1, "owner", "unknown key 'owner'"),
        c("support hours time zone typo", "staging", r(SVC, "      time_zone: Europe/Berlin", "      time_zone: Europe/Berlim"),
            SVC, 22, 18, "services[1].support_hours.time_zone", "unknown time zone 'Europe/Berlim'", "did you mean 'Europe/Berlin'?"),
        c("services file is a list", "dev", dir -> write(dir, "services/list.yaml", "- key: billing\n"),
            "services/list.yaml", 1, 1, "", "the top level of a config file must be a map, not a list"),
        c("single service with unknown policy", "dev", dir -> write(dir, "services/pager.yaml", "key: pager\nname: Pager\nescalation_policy: gone\n"),
            "services/pager.yaml", 3, 20, "escalation_policy", "unknown escalation policy 'gone'"),
        c("unknown environment", "prod", dir -> { },
            "environments/prod.yaml", 0, 0, "", "no such environment 'prod'", "known environments: dev, production, staging"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void validate_oneFault_reportsExactlyThatError(Case k, @TempDir Path tmp) {
    Path config = ConfigFixtures.copyExample(tmp);
    k.fault().accept(config);
    ValidationResult result =
        ConfigLoader.builder().directory(config).environmentVariables(Map.of()).build().validate(k.env());
    List<ConfigProblem> errors = result.errors();
    assertThat(errors).as("errors for %s: %s", k.name(), errors).hasSize(1);
    ConfigProblem p = errors.get(0);
    assertThat(p.file()).isEqualTo(config.resolve(k.file()).toString());
    assertThat(p.line()).as("line").isEqualTo(k.line());
    assertThat(p.column()).as("column").isEqualTo(k.column());
    assertThat(p.path()).as("path").isEqualTo(k.path());
    assertThat(p.message()).as("message").isEqualTo(k.message());
    if (k.hint() != null) {
      assertThat(p.hint()).as("hint").isEqualTo(k.hint());
    } else {
      assertThat(p.hint()).as("every error has a hint or a self-explaining message").satisfiesAnyOf(
          h -> assertThat(h).isNull(), h -> assertThat(h).isNotBlank());
    }
    assertThat(result.state()).isNull();
  }
}
