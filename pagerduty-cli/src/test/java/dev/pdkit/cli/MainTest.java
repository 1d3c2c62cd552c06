package dev.pdkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void noCommand_exits2WithUsageHint() {
    CliRun run = CliRun.of(Map.of());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString()
        .startsWith("pdkit: error: ").contains("pdkit --help");
  }

  @Test
  void help_listsGlobalOptionsAndEvents_exits0() {
    CliRun run = CliRun.of(Map.of(), "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--api-url", "--events-url", "--token", "--verbose",
        "--version", "events", "PAGERDUTY_ROUTING_KEY");
  }

  @Test
  void version_printsProjectVersion() {
    CliRun run = CliRun.of(Map.of(), "--version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("pdkit ").doesNotContain("${").doesNotContain("unknown");
  }

  @Test
  void eventsWithoutSubcommand_exits2() {
    CliRun run = CliRun.of(Map.of(), "events");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString().contains("pdkit events --help");
  }

  @Test
  void eventsTriggerHelp_listsEveryFieldOption() {
    CliRun run = CliRun.of(Map.of(), "events", "trigger", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--routing-key", "--summary", "--source", "--severity",
        "--dedup-key", "--component", "--group", "--class", "--custom-details", "--link",
        "--image", "--client", "--client-url", "--timestamp", "--truncate");
  }

  @Test
  void badLogLevel_exits2NamingVariable() {
    CliRun run = CliRun.of(Map.of("LOG_LEVEL", "chatty"), "events", "resolve",
        "--dedup-key", "k");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString().contains("LOG_LEVEL", "chatty");
  }

  @Test
  void badEventsUrl_exits2NamingOption() {
    CliRun run = CliRun.of(Map.of("PAGERDUTY_ROUTING_KEY", "0123456789abcdef0123456789abcdef"),
        "--events-url", "not a url", "events", "resolve", "--dedup-key", "k");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString().contains("--events-url");
  }
}
