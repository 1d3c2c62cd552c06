package dev.pdkit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smaller configs written from scratch, one rule each; asserts the messages and paths. */
class SemanticRulesTest {
  @TempDir Path tmp;

  static final String USERS = """
      version: 1
      users:
        - email: a@example.com
          name: A
        - email: b@example.com
      """;

  List<ConfigProblem> errors(String base, String env) throws IOException {
    Path c = tmp.resolve("c" + System.nanoTime());
    Files.createDirectories(c.resolve("environments"));
    Files.writeString(c.resolve("pagerduty.yaml"), base);
    Files.writeString(c.resolve("environments/dev.yaml"), "environment: dev\n" + env);
    return ConfigLoader.builder().directory(c).environmentVariables(Map.of()).build().validate("dev").errors();
  }

  List<String> messages(String base) throws IOException {
    return errors(base, "").stream().map(p -> p.path() + ": " + p.message()).toList();
  }

  @Test
  void users_managedWithoutNameAndNonMapItems() throws IOException {
    assertThat(messages(USERS + "  - email: c@example.com\n    manage: true\n  - just-a-string\n"))
        .containsExactlyInAnyOrder("users[2]: missing required key 'name'", "users[3]: expected a map but found a string");
  }

  @Test
  void teams_memberTwiceAndMissingUser() throws IOException {
    assertThat(messages(USERS + """
        teams:
          - key: t
            name: T
            members:
              - { user: a@example.com }
              - { user: A@example.com, role: observer }
              - { role: manager }
        """)).containsExactlyInAnyOrder(
            "teams[0].members[1].user: user 'a@example.com' is listed twice in this team",
            "teams[0].members[2]: missing required key 'user'");
  }

  @Test
  void schedules_layerShapeProblems() throws IOException {
    assertThat(messages(USERS + """
        schedules:
          - key: s
            name: S
            time_zone: Mars/Olympus
            layers:
              - start: 2026-01-05T09:00:00Z
                turn_length: 0s
                users: [a@example.com]
                restrictions:
                  - { type: daily, start_time: "09:00", duration: 0m }
                  - { type: daily, start_time: "10:00", duration: 2d }
                  - { type: weekly, start_day: sunday, start_time: "20:00", duration: 8d }
              - start: not-a-date
                turn_length: 1d
                users: [a@example.com]
          - key: s2
            name: S2
            layers: []
        """)).containsExactlyInAnyOrder(
            "schedules[0].time_zone: unknown time zone 'Mars/Olympus'",
            "schedules[0].layers[0].turn_length: turn_length must be longer than zero",
            "schedules[0].layers[0].restrictions[0].duration: duration must be longer than zero",
            "schedules[0].layers[0].restrictions[1].duration: a daily restriction lasts at most 1d",
            "schedules[0].layers[0].restrictions[2].duration: a weekly restriction lasts at most 7d",
            "schedules[0].layers[1].start: invalid date-time 'not-a-date'",
            "schedules[1].layers: must not be empty");
  }

  @Test
  void restrictions_wrappingPastTheWeekEnd_overlapMonday() throws IOException {
    assertThat(messages(USERS + """
        schedules:
          - key: s
            name: S
            layers:
              - start: 2026-01-05T09:00:00Z
                turn_length: 1d
                users: [a@example.com]
                restrictions:
                  - { type: weekly, start_day: sunday, start_time: "20:00", duration: 16h }
                  - { type: daily, start_time: "13:00", duration: 1h }
                  - { type: weekly, start_day: monday, start_time: "06:00", duration: 1h }
        """)).containsExactly(
            "schedules[0].layers[0].restrictions[2]: restriction overlaps restrictions[0] (line 14)");
  }

  @Test
  void services_shapeProblems() throws IOException {
    String base = USERS + """
        escalation_policies:
          - key: p
            name: P
            rules:
              - delay: 5m
                targets: [ "user:a@example.com" ]
        services:
          - key: s1
            name: S1
            escalation_policy: p
            alert_grouping: { timeout: 5m }
            support_hours: { days: [monday, monday], start_time: "09:00" }
            integrations:
              - key: i
              - key: i
          - key: s2
            name: S2
            urgency: support_hours
            escalation_policy: p
            support_hours: { days: [monday], start_time: "09:00", end_time: "17:00", time_zone: UTC }
            alert_grouping: null
        """;
    assertThat(messages(base)).containsExactlyInAnyOrder(
        "services[0].alert_grouping: missing required key 'type'",
        "services[0].support_hours: missing required key 'end_time'",
        "services[0].support_hours.days[1]: day 'monday' is listed twice",
        "services[0].integrations[1].key: duplicate integration key 'i'");
  }

  @Test
  void serviceWithoutPolicyInOverlay_andOverlayEnvironmentChecks() throws IOException {
    List<ConfigProblem> e = errors(USERS, """
        services:
          - key: new
            name: New
        teams:
          - key: t
        """);
    assertThat(e).extracting(p -> p.path() + ": " + p.message()).containsExactlyInAnyOrder(
        "services[0]: missing required key 'escalation_policy'",
        "teams[0]: missing required key 'name'");
    assertThat(e).allSatisfy(p -> assertThat(p.file()).endsWith("environments/dev.yaml"));
  }

  @Test
  void schemaKeywords_minLengthMaxLengthMaxItemsConst() throws IOException {
    String base = USERS + """
        defaults:
          name_prefix: "%s"
        teams:
          - key: t
            name: ""
        escalation_policies:
          - key: p
            name: P
            num_loops: -1
            rules:
              - delay: 5m
                targets: [ "user:a@example.com", "user:a@example.com", "user:a@example.com", "user:a@example.com",
                           "user:a@example.com", "user:a@example.com", "user:a@example.com", "user:a@example.com",
                           "user:a@example.com", "user:a@example.com", "user:a@example.com" ]
        """.formatted("x".repeat(41));
    assertThat(messages(base)).contains(
        "defaults.name_prefix: is longer than 40 characters",
        "teams[0].name: must not be empty",
        "escalation_policies[0].num_loops: must be at least 0",
        "escalation_policies[0].rules[0].targets: allows at most 10 items");
  }

  @Test
  void typeErrors_forMapsListsAndBooleans() throws IOException {
    assertThat(messages("version: 1\ndefaults: [a]\nusers: {a: 1}\nteams:\n  - key: t\n    name: T\n    manage: 1\n"))
        .containsExactlyInAnyOrder(
            "defaults: expected a map but found a list",
            "users: expected a list but found a map",
            "teams[0].manage: expected true or false but found an integer");
  }

  @Test
  void isoDurations_areAccepted() throws IOException {
    List<ConfigProblem> e = errors(USERS + """
        escalation_policies:
          - key: p
            name: P
            rules:
              - delay: PT1H30M
                targets: [ "user:b@example.com" ]
        services:
          - key: s
            name: S
            escalation_policy: p
            acknowledgement_timeout: P1D
        """, "");
    assertThat(e).isEmpty();
  }

  @Test
  void unknownEnvironmentKeysAndBadApprovals() throws IOException {
    assertThat(errors(USERS, "protected: true\napprovals:\n  required: 0\n  ed25519_public_keys: [\"%%%\"]\n"))
        .extracting(p -> p.path() + ": " + p.message())
        .containsExactlyInAnyOrder(
            "approvals.required: must be at least 1",
            "approvals.ed25519_public_keys[0]: not an Ed25519 public key (base64 of 32 bytes)");
  }
}
