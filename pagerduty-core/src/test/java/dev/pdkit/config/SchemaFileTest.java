package dev.pdkit.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The published schema, used the way an editor uses it: the whole schema against each example
 * file (the root dispatches on {@code environment} / {@code version}).
 */
class SchemaFileTest {
  static final Path DOCS_SCHEMA = Path.of("../docs/schema/pdkit-config.schema.json");
  static final Path BUNDLED = Path.of("src/main/resources/dev/pdkit/config/pdkit-config.schema.json");

  static Schema schema() throws IOException {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    return registry.getSchema(Files.readString(DOCS_SCHEMA));
  }

  static JsonNode yaml(String text) throws IOException {
    // the example has timestamps and times that must stay strings, as pdkit reads them
    return new ObjectMapper().valueToTree(new YAMLMapper().readValue(text, Object.class));
  }

  @Test
  void docsSchema_isTheBundledSchema() throws IOException {
    assertThat(Files.readString(DOCS_SCHEMA)).isEqualTo(Files.readString(BUNDLED));
    JsonNode s = new ObjectMapper().readTree(Files.readString(DOCS_SCHEMA));
    assertThat(s.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
  }

  @Test
  void everyExampleFile_validatesAgainstThePublishedSchema() throws IOException {
    Schema schema = schema();
    List<Path> files;
    try (Stream<Path> s = Files.walk(ConfigFixtures.EXAMPLE)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).hasSize(5);
    for (Path f : files) {
      List<Error> errors = schema.validate(yaml(Files.readString(f)));
      assertThat(errors).as(f.toString()).isEmpty();
    }
  }

  @Test
  void publishedSchema_rejectsTyposInEachKindOfFile() throws IOException {
    Schema schema = schema();
    assertThat(schema.validate(yaml("version: 1\nservics: []\n"))).hasSize(1);
    assertThat(schema.validate(yaml("environment: dev\nprotected: maybe\n"))).hasSize(1);
    assertThat(schema.validate(yaml("services:\n  - key: a\n    name: A\n    escalation_policy: p\n    urgncy: low\n"))).hasSize(1);
    assertThat(schema.validate(yaml("key: a\nname: A\nescalation_policy: p\n"))).isEmpty();
    assertThat(schema.validate(yaml("key: a\nname: A\n"))).hasSize(1);
  }
}
