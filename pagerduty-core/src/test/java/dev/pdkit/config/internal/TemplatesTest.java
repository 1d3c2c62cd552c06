package dev.pdkit.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pdkit.config.ConfigLoader;
import dev.pdkit.config.RenderedEvent;
import dev.pdkit.config.TemplateException;
import dev.pdkit.config.Templates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplatesTest {
  @TempDir Path tmp;

  Templates load(String templatesYaml) throws IOException {
    Path config = tmp.resolve("config");
    Files.createDirectories(config.resolve("environments"));
    Files.writeString(config.resolve("pagerduty.yaml"), "version: 1\ntemplates:\n" + templatesYaml);
    Files.writeString(config.resolve("environments/dev.yaml"), "environment: dev\n");
    return ConfigLoader.builder().directory(config).environmentVariables(Map.of()).build().load("dev").templates();
  }

  @Test
  void renderEvent_allFieldsAndNestedDetails() throws IOException {
    Templates t = load("""
          full:
            summary: "{{svc}} down"
            severity: "{{sev}}"
            source: "{{host}}"
            component: db
            group: "{{svc}}-group"
            class: outage
            dedup_key: "{{svc}}/db"
            custom_details:
              count: 3
              nested: { url: "https://x/{{svc}}", flag: true }
              list: ["{{svc}}", 2]
          minimal:
            summary: plain
          text: "hello {{name}}"
        """);
    RenderedEvent e = t.renderEvent("full", Map.of("svc", "api", "sev", "warning", "host", "h1"));
    assertThat(e).isEqualTo(new RenderedEvent("api down", "warning", "h1", "db", "api-group", "outage", "api/db",
        Map.of("count", 3L, "nested", Map.of("url", "https://x/api", "flag", true), "list", List.of("api", 2L))));
    RenderedEvent m = t.renderEvent("minimal", Map.of());
    assertThat(m.severity()).isEqualTo("error");
    assertThat(m.source()).isNull();
    assertThat(t.renderText("text", Map.of("name", "bob"))).isEqualTo("hello bob");
    assertThat(t.isEvent("full")).isTrue();
    assertThat(t.isEvent("text")).isFalse();
    assertThat(t.contains("templates.text")).isTrue();
    assertThat(t.names()).containsExactly("full", "minimal", "text");
  }

  @Test
  void render_missingVariable_namesItAndTheTemplate() throws IOException {
    Templates t = load("  a:\n    summary: \"{{svc}} on {{host}}\"\n  b: \"x {{y}}\"\n");
    assertThatThrownBy(() -> t.renderEvent("a", Map.of("svc", "api")))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("template 'a'")
        .hasMessageContaining("missing variable 'host'")
        .hasMessageContaining("pagerduty.yaml:4:14");
    assertThatThrownBy(() -> t.renderText("b", Map.of())).hasMessageContaining("missing variable 'y'");
  }

  @Test
  void render_unknownTemplateOrWrongKind_suggests() throws IOException {
    Templates t = load("  db-down:\n    summary: s\n  note: \"n\"\n");
    assertThatThrownBy(() -> t.renderEvent("db-dwn", Map.of())).hasMessageContaining("did you mean 'db-down'?");
    assertThatThrownBy(() -> t.renderEvent("note", Map.of())).hasMessageContaining("no event template 'note'");
    assertThatThrownBy(() -> t.renderText("db-down", Map.of())).hasMessageContaining("no text template 'db-down'");
  }

  @Test
  void renderEvent_severityVariableWithBadValue_isRejectedWithoutEchoingIt() throws IOException {
    Templates t = load("  a:\n    summary: s\n    severity: \"{{sev}}\"\n");
    assertThatThrownBy(() -> t.renderEvent("a", Map.of("sev", "secret-ish")))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("severity must render to critical, error, warning or info")
        .hasMessageNotContaining("secret-ish");
  }

  @Test
  void emptyTemplates_haveNoNames() {
    assertThat(MustacheTemplates.empty().names()).isEmpty();
  }
}
