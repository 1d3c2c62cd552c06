package dev.pdkit.testkit.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads PagerDuty's official OpenAPI documents from the test resources and rewrites, in memory, the
 * references swagger-parser cannot follow, so the Atlassian validator can load them. The files on
 * disk stay byte-identical to PagerDuty's (see {@code pagerduty-api/SOURCE.md}).
 *
 * <p>What is rewritten, and why: PagerDuty's REST document has 43 distinct "deep" references, that
 * point inside another component rather than at a component, e.g. {@code
 * #/components/schemas/Tag/allOf/0} or {@code
 * #/components/responses/Conflict/content/application~1json/schema}. They are valid JSON Pointers,
 * but swagger-parser only resolves {@code #/components/<kind>/<name>}: it treats anything longer as
 * an external or unknown reference and fails to load the document (or silently drops the schema).
 * The pre-pass copies each such target into a new component {@code
 * #/components/schemas/Deep__<path>} and points the reference there, so the validated schema is the
 * same schema; a deep reference into {@code #/components/examples/...} (one, an example value) is
 * replaced by the value it points to. Nothing else changes.
 */
public final class OpenApiSpecs {
  public static final String REST = "pagerduty-api/rest-openapiv3.json";
  public static final String EVENTS = "pagerduty-api/events-v2-openapiv3.json";

  private static final ObjectMapper M = new ObjectMapper();

  /** What the last {@link #rewrite} changed: original reference to its replacement. */
  public record Rewrite(JsonNode document, Map<String, String> rewritten) {}

  private OpenApiSpecs() {}

  public static JsonNode read(String resource) {
    try (InputStream in = OpenApiSpecs.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("test resource missing: " + resource);
      }
      return M.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rewrites the deep references of a document (a copy; the argument is not changed). */
  public static Rewrite rewrite(JsonNode original) {
    ObjectNode doc = original.deepCopy();
    ObjectNode schemas = (ObjectNode) doc.path("components").path("schemas");
    Map<String, String> rewritten = new LinkedHashMap<>();
    responsesFromRequestBodies(doc, rewritten);
    nullableWhereTheProseSaysNull(doc, rewritten);
    acknowledgeLogEntryType(doc, rewritten);
    // hoisted copies may hold deep references themselves: repeat until none is left
    for (int pass = 0; pass < 20; pass++) {
      List<ObjectNode> deep = new ArrayList<>();
      collectDeepRefs(doc, deep);
      if (deep.isEmpty()) {
        relaxSchemas(doc, rewritten); // after hoisting: deep references may point through oneOf
        return new Rewrite(doc, rewritten);
      }
      for (ObjectNode holder : deep) {
        String ref = holder.get("$ref").asText();
        JsonNode target = doc.at(JsonPointer.compile(ref.substring(1)));
        if (target.isMissingNode()) {
          throw new IllegalStateException("reference to nothing in the OpenAPI document: " + ref);
        }
        if (ref.startsWith("#/components/examples/")) {
          holder.remove("$ref");
          if (target.isObject()) {
            holder.setAll((ObjectNode) target.deepCopy());
          } else {
            holder.put("$ref_value_was_not_an_object", target.toString());
          }
          rewritten.put(ref, "(inlined example value)");
          continue;
        }
        String name = "Deep__" + ref.substring("#/components/".length()).replaceAll("[^A-Za-z0-9_.-]", "_");
        if (!schemas.has(name)) {
          schemas.set(name, target.deepCopy());
        }
        String replacement = "#/components/schemas/" + name;
        holder.put("$ref", replacement);
        rewritten.put(ref, replacement);
      }
    }
    throw new IllegalStateException("deep references still left after 20 passes");
  }

  /**
   * Two operations' 200 responses reference a request body component ({@code
   * #/components/requestBodies/OrchestrationCacheVariableDataPutResponse}); swagger-parser rejects a
   * response $ref to another kind. The object has the shape of a response (description, content),
   * so it is copied into {@code #/components/responses} under the same name.
   */
  private static void responsesFromRequestBodies(ObjectNode doc, Map<String, String> rewritten) {
    ObjectNode components = (ObjectNode) doc.get("components");
    ObjectNode responses = components.with("responses");
    doc.path("paths").forEach(item -> item.forEach(op -> op.path("responses").forEach(r -> {
      String ref = r.path("$ref").asText("");
      String prefix = "#/components/requestBodies/";
      if (r.isObject() && ref.startsWith(prefix)) {
        String name = ref.substring(prefix.length());
        ObjectNode copy = components.path("requestBodies").path(name).deepCopy();
        copy.remove("required");
        if (!copy.has("description")) {
          copy.put("description", name);
        }
        responses.set(name, copy);
        ((ObjectNode) r).put("$ref", "#/components/responses/" + name);
        rewritten.put(ref, "#/components/responses/" + name);
      }
    })));
  }

  /**
   * Properties whose own description says the value can be {@code null} (e.g. Oncall.start: "If
   * `null`, the on-call is a permanent user on-call") but whose schema lacks {@code nullable: true}
   * get {@code nullable: true}: the document contradicts itself and PagerDuty sends the null.
   */
  private static void nullableWhereTheProseSaysNull(ObjectNode doc, Map<String, String> rewritten) {
    java.util.ArrayDeque<Map.Entry<String, JsonNode>> todo = new java.util.ArrayDeque<>();
    todo.add(Map.entry("#", doc));
    while (!todo.isEmpty()) {
      Map.Entry<String, JsonNode> e = todo.poll();
      JsonNode n = e.getValue();
      if (n.isObject()) {
        JsonNode props = n.get("properties");
        if (props != null && props.isObject()) {
          props.fields().forEachRemaining(p -> {
            JsonNode d = p.getValue().get("description");
            if (p.getValue().isObject() && d != null && d.isTextual()
                && d.asText().matches("(?is).*\\b(is|be|if|or|are|returns?)\\s+`?null`?\\b.*")
                && !p.getValue().has("nullable") && !p.getValue().has("$ref")) {
              ((ObjectNode) p.getValue()).put("nullable", true);
              rewritten.put(e.getKey() + "/properties/" + p.getKey(), "nullable: true (its description says it may be null)");
            }
          });
        }
        n.fields().forEachRemaining(c -> todo.add(Map.entry(e.getKey() + "/" + c.getKey(), c.getValue())));
      } else if (n.isArray()) {
        for (int i = 0; i < n.size(); i++) {
          todo.add(Map.entry(e.getKey() + "/" + i, n.get(i)));
        }
      }
    }
  }

  /**
   * Three generic repairs, each counted in {@code rewritten}:
   *
   * <ul>
   *   <li>{@code discriminator} without {@code mapping} is removed: PagerDuty's (e.g. IncidentAction,
   *       alert body contexts) name values such as {@code escalate} or {@code link} that are not
   *       schema names, which OpenAPI requires when there is no mapping; the validator then fails
   *       every value. The branches are still checked through {@code oneOf}/{@code anyOf}.
   *   <li>{@code oneOf} becomes {@code anyOf}: PagerDuty's branches are not mutually exclusive (the
   *       five log-entry channel schemas all accept the same object), so a valid value "matches 5
   *       out of 5" and fails {@code oneOf}; {@code anyOf} keeps "must match a branch".
   *   <li>query parameters named {@code x[]} whose schema is not an array get an array schema: their
   *       own descriptions say to pass them more than once ({@code statuses[]=a&statuses[]=b}).
   * </ul>
   */
  private static void relaxSchemas(ObjectNode doc, Map<String, String> rewritten) {
    int[] counts = new int[3];
    java.util.ArrayDeque<JsonNode> todo = new java.util.ArrayDeque<>();
    todo.add(doc);
    while (!todo.isEmpty()) {
      JsonNode n = todo.poll();
      if (n.isObject()) {
        ObjectNode o = (ObjectNode) n;
        JsonNode disc = o.get("discriminator");
        if (disc != null && disc.isObject() && !disc.has("mapping")) {
          o.remove("discriminator");
          counts[0]++;
        }
        if (o.has("oneOf") && o.get("oneOf").isArray()) {
          o.set("anyOf", o.remove("oneOf"));
          counts[1]++;
        }
        if ("query".equals(o.path("in").asText()) && o.path("name").asText().endsWith("[]")
            && o.has("schema") && !"array".equals(o.path("schema").path("type").asText())) {
          ObjectNode arr = o.objectNode();
          arr.put("type", "array");
          arr.set("items", o.get("schema"));
          o.set("schema", arr);
          counts[2]++;
        }
      }
      if (n.isContainerNode()) {
        n.elements().forEachRemaining(todo::add);
      }
    }
    rewritten.put("discriminator without mapping", "removed (" + counts[0] + ")");
    rewritten.put("oneOf", "anyOf (" + counts[1] + ")");
    rewritten.put("query parameter x[] with a non-array schema", "array of that schema (" + counts[2] + ")");
  }

  /**
   * {@code AcknowledgeLogEntry} restricts {@code type} to {@code acknowledgement_log_entry}, while
   * {@code LogEntry.type} in the same document (and PagerDuty's API) says {@code
   * acknowledge_log_entry}; the subtype's enum is aligned with the parent's.
   */
  private static void acknowledgeLogEntryType(ObjectNode doc, Map<String, String> rewritten) {
    JsonNode ack = doc.path("components").path("schemas").path("AcknowledgeLogEntry");
    for (JsonNode part : ack.path("allOf")) {
      JsonNode e = part.path("properties").path("type").path("enum");
      if (e.isArray() && e.size() == 1 && e.get(0).asText().equals("acknowledgement_log_entry")) {
        ((ArrayNode) e).removeAll().add("acknowledge_log_entry");
        rewritten.put("#/components/schemas/AcknowledgeLogEntry type enum acknowledgement_log_entry",
            "acknowledge_log_entry (as LogEntry.type says)");
      }
    }
  }

  private static void collectDeepRefs(JsonNode n, List<ObjectNode> out) {
    if (n.isObject()) {
      JsonNode ref = n.get("$ref");
      if (ref != null && ref.isTextual() && isDeep(ref.asText())) {
        out.add((ObjectNode) n);
      }
      n.elements().forEachRemaining(c -> collectDeepRefs(c, out));
    } else if (n instanceof ArrayNode a) {
      a.forEach(c -> collectDeepRefs(c, out));
    }
  }

  static boolean isDeep(String ref) {
    return ref.startsWith("#/components/") && ref.substring(2).split("/").length > 3;
  }

  /**
   * Keeps only the paths that serve one of {@code routes} ({@code "METHOD /template"}, parameter
   * names ignored) and the components they reach. The REST document has 273 paths and loads in
   * tens of seconds on a busy machine; the fake implements about 80 operations. Validation of those
   * operations is unchanged: every schema they reference is kept.
   */
  public static JsonNode forRoutes(JsonNode document, List<String> routes) {
    ObjectNode doc = document.deepCopy();
    java.util.Set<String> wanted = new java.util.HashSet<>();
    for (String r : routes) {
      wanted.add(normalise(r.substring(r.indexOf(' ') + 1)));
    }
    ObjectNode paths = (ObjectNode) doc.get("paths");
    List<String> drop = new ArrayList<>();
    paths.fieldNames().forEachRemaining(p -> {
      if (!wanted.contains(normalise(p))) {
        drop.add(p);
      }
    });
    paths.remove(drop);
    // components reachable from the kept paths (and from each other)
    java.util.Set<String> reached = new java.util.HashSet<>();
    java.util.ArrayDeque<JsonNode> todo = new java.util.ArrayDeque<>();
    todo.add(paths);
    while (!todo.isEmpty()) {
      JsonNode n = todo.poll();
      if (n.isObject()) {
        JsonNode ref = n.get("$ref");
        if (ref != null && ref.isTextual() && ref.asText().startsWith("#/components/")) {
          String[] parts = ref.asText().substring(2).split("/");
          String key = parts[1] + "/" + parts[2];
          if (reached.add(key)) {
            todo.add(doc.path("components").path(parts[1]).path(parts[2].replace("~1", "/").replace("~0", "~")));
          }
        }
      }
      if (n.isContainerNode()) {
        n.elements().forEachRemaining(todo::add);
      }
    }
    ObjectNode components = (ObjectNode) doc.get("components");
    components.fields().forEachRemaining(kind -> {
      if (kind.getKey().equals("securitySchemes")) {
        return;
      }
      List<String> unused = new ArrayList<>();
      kind.getValue().fieldNames().forEachRemaining(name -> {
        if (!reached.contains(kind.getKey() + "/" + name)) {
          unused.add(name);
        }
      });
      ((ObjectNode) kind.getValue()).remove(unused);
    });
    return doc;
  }

  private static String normalise(String template) {
    return template.replaceAll("\\{[^}]*}", "{}");
  }

  /**
   * A validator for a (rewritten) document, configured as follows and why:
   *
   * <ul>
   *   <li>{@code withResolveCombinators(true)}: PagerDuty's entities are {@code allOf: [Reference,
   *       {...}]}; without merging, the validator's injected {@code additionalProperties: false}
   *       rejects every field of one branch as "not allowed" by the other (a known limitation, see
   *       the validator's FAQ).
   *   <li>{@code validation.schema.additionalProperties} ignored, which stops the validator from
   *       injecting {@code additionalProperties: false} into every schema: the documents never set
   *       it, so by JSON Schema fields they do not list are legal (PagerDuty adds fields over time);
   *       injected into the branches of {@code anyOf}, it would also reject valid log entries.
   *   <li>{@code validation.request.accept.notAllowed} ignored: the document itself requires {@code
   *       Accept: application/vnd.pagerduty+json;version=2} (parameter {@code header_Accept}) while
   *       declaring every response as {@code application/json}; the validator reads that as a
   *       mismatch. The fake answers {@code application/json}, as the document says.
   * </ul>
   */
  public static OpenApiInteractionValidator validator(JsonNode document) {
    return OpenApiInteractionValidator.createForInlineApiSpecification(document.toString())
        .withResolveCombinators(true)
        .withLevelResolver(LevelResolver.create()
            .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
            .withLevel("validation.request.accept.notAllowed", ValidationReport.Level.IGNORE)
            .build())
        .build();
  }
}
