package dev.pdkit.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.pdkit.config.internal.YNode.YList;
import dev.pdkit.config.internal.YNode.YMap;
import dev.pdkit.config.internal.YNode.YScalar;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * Checks one file against the published JSON Schema ({@code docs/schema/pdkit-config.schema.json},
 * bundled as a resource) with networknt json-schema-validator, and turns each schema error into a
 * problem at the exact YAML position with a readable message and a hint.
 */
public final class SchemaCheck {
  /** The schema's {@code $id}. */
  public static final String SCHEMA_ID = "https://pdkit.dev/schema/pdkit-config.schema.json";

  static final String RESOURCE = "/dev/pdkit/config/pdkit-config.schema.json";

  /** Which kind of file is checked, i.e. which {@code $defs} entry applies. */
  public enum FileKind {
    BASE("base_file"),
    SERVICES("services_file"),
    ENVIRONMENT("environment_file");

    final String def;

    FileKind(String def) {
      this.def = def;
    }
  }

  private static final class Holder {
    static final SchemaCheck INSTANCE = new SchemaCheck();
  }

  private final JsonNode schemaJson;
  private final Map<FileKind, Schema> schemas = new java.util.EnumMap<>(FileKind.class);

  private SchemaCheck() {
    String text = schemaText();
    try {
      schemaJson = new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException("bundled config schema is not valid JSON", e);
    }
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, b -> b.schemas(Map.of(SCHEMA_ID, text)));
    for (FileKind k : FileKind.values()) {
      schemas.put(k, registry.getSchema(SchemaLocation.of(SCHEMA_ID + "#/$defs/" + k.def)));
    }
  }

  /** The shared instance (the schema is parsed once per JVM). */
  public static SchemaCheck get() {
    return Holder.INSTANCE;
  }

  /** The bundled schema text. */
  public static String schemaText() {
    try (InputStream in = SchemaCheck.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Validates {@code root} (a resolved tree) as a file of {@code kind}, adding problems. */
  public void check(FileKind kind, YNode root, Problems problems) {
    List<Error> errors = schemas.get(kind).validate(toJson(root));
    for (Error e : errors) {
      translate(e, root, problems);
    }
  }

  static JsonNode toJson(YNode node) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (node instanceof YMap m) {
      ObjectNode o = f.objectNode();
      m.entries().forEach((k, e) -> o.set(k, toJson(e.value())));
      return o;
    } else if (node instanceof YList l) {
      ArrayNode a = f.arrayNode();
      l.items().forEach(i -> a.add(toJson(i)));
      return a;
    }
    Object v = ((YScalar) node).value();
    if (v == null) {
      return f.nullNode();
    } else if (v instanceof Boolean b) {
      return f.booleanNode(b);
    } else if (v instanceof Long n) {
      return f.numberNode(n);
    } else if (v instanceof Double d) {
      return f.numberNode(d);
    }
    return f.textNode((String) v);
  }

  private void translate(Error e, YNode root, Problems problems) {
    String keyword = e.getKeyword() == null ? "" : e.getKeyword();
    YNode at = find(root, e.getInstanceLocation());
    if (at == null) {
      at = root;
    }
    if (problems.errorAt(at.origin())) {
      return; // already reported here, e.g. an unset ${VAR}
    }
    JsonNode parentSchema = parentSchema(e);
    switch (keyword) {
      case "additionalProperties" -> {
        String prop = e.getProperty();
        if (at instanceof YMap m && prop != null && m.has(prop)) {
          List<String> allowed = new ArrayList<>();
          if (parentSchema != null && parentSchema.has("properties")) {
            parentSchema.get("properties").fieldNames().forEachRemaining(allowed::add);
          }
          String hint = Levenshtein.didYouMean(prop, allowed);
          if (hint == null) {
            hint = allowed.isEmpty() ? "remove it" : "allowed keys: " + String.join(", ", allowed);
          }
          problems.error(m.entry(prop).keyOrigin(), Messages.unknownKey(prop), hint);
        } else {
          problems.error(at.origin(), "unexpected key", null);
        }
      }
      case "required" -> {
        String prop = e.getProperty();
        if (prop == null && e.getArguments() != null && e.getArguments().length > 0) {
          prop = String.valueOf(e.getArguments()[0]);
        }
        problems.error(at.origin(), Messages.missingKey(String.valueOf(prop)), Messages.missingKeyHint(String.valueOf(prop)));
      }
      case "type" -> {
        String expected = Messages.expectedTypes(e.getSchemaNode());
        problems.error(at.origin(), Messages.wrongType(expected, at), Messages.typeHint(expected, at));
      }
      case "enum" -> {
        List<String> allowed = new ArrayList<>();
        e.getSchemaNode().forEach(n -> allowed.add(n.asText()));
        problems.error(at.origin(), Messages.notOneOf(at, allowed), Messages.enumHint(at, allowed));
      }
      case "const" ->
          problems.error(
              at.origin(),
              Messages.quote(at) + " is not supported; expected " + e.getSchemaNode().asText(),
              "write " + e.getSchemaNode().asText());
      case "pattern" -> {
        String title = parentSchema != null && parentSchema.has("title") ? parentSchema.get("title").asText() : "value";
        String hint = parentSchema != null && parentSchema.has("description") ? parentSchema.get("description").asText() : null;
        problems.error(at.origin(), "invalid " + title + " " + Messages.quote(at), hint);
      }
      case "minimum" -> problems.error(at.origin(), "must be at least " + e.getSchemaNode().asText(), null);
      case "maximum" -> problems.error(at.origin(), "must be at most " + e.getSchemaNode().asText(), null);
      case "minItems" -> {
        int n = e.getSchemaNode().asInt();
        problems.error(at.origin(), n == 1 ? "must not be empty" : "needs at least " + n + " items", null);
      }
      case "maxItems" -> problems.error(at.origin(), "allows at most " + e.getSchemaNode().asText() + " items", "remove some");
      case "minLength" -> problems.error(at.origin(), "must not be empty", null);
      case "maxLength" -> problems.error(at.origin(), "is longer than " + e.getSchemaNode().asText() + " characters", "shorten it");
      default -> {
        String msg = e.getMessage() == null ? keyword : e.getMessage();
        problems.error(at.origin(), "does not match the schema: " + msg, "see docs/schema/pdkit-config.schema.json");
      }
    }
  }

  /** The schema object containing the failed keyword (for titles, descriptions, property lists). */
  private @Nullable JsonNode parentSchema(Error e) {
    if (e.getSchemaLocation() == null) {
      return null;
    }
    NodePath frag = e.getSchemaLocation().getFragment();
    JsonNode n = schemaJson;
    for (int i = 0; i < frag.getNameCount() - 1 && n != null; i++) {
      Object el = frag.getElement(i);
      n = el instanceof Integer idx ? n.get(idx) : n.get(String.valueOf(el));
    }
    return n;
  }

  private static @Nullable YNode find(YNode root, @Nullable NodePath path) {
    if (path == null) {
      return root;
    }
    YNode n = root;
    for (int i = 0; i < path.getNameCount(); i++) {
      Object el = path.getElement(i);
      if (el instanceof Integer idx && n instanceof YList l && idx < l.items().size()) {
        n = l.items().get(idx);
      } else if (n instanceof YMap m && m.get(String.valueOf(el)) != null) {
        n = m.get(String.valueOf(el));
      } else {
        return null;
      }
    }
    return n;
  }

  /** Joins strings for messages. */
  static String join(Iterator<String> it) {
    StringJoiner j = new StringJoiner(", ");
    it.forEachRemaining(j::add);
    return j.toString();
  }
}
