package dev.pdkit.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdkit.deploy.internal.Hashing;
import dev.pdkit.internal.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Plan} saved to a file, to be reviewed, approved and applied later ({@code pdkit deploy
 * --plan-out F}, then {@code --plan F}).
 *
 * <p>The file is JSON: {@code "format": "pdkit-plan"}, {@code "version": 1}, the environment, when
 * the plan was made, the hash of the desired state (the config) and of the live state it was computed
 * from, the {@link Plan#hash() plan hash} over those three, the changes, a SHA-256 of the changes, and
 * the approvers' signatures. Reading checks all of it: a file whose hashes do not match its content
 * was edited and is refused. Signatures are not covered by the checksum; each one signs the plan hash.
 *
 * <p>Applying a saved plan re-reads PagerDuty and refuses when either hash differs (a stale plan):
 * see {@link Deployer#apply(dev.pdkit.config.DesiredState, PlanFile, String)}.
 *
 * @param plan the plan
 * @param createdAt when it was made
 * @param signatures approvals collected so far, in the order they were added
 */
public record PlanFile(Plan plan, Instant createdAt, List<PlanSignature> signatures) {
  /** The {@code format} value of a plan file. */
  public static final String FORMAT = "pdkit-plan";
  /** The format version this library writes and reads. */
  public static final int VERSION = 1;

  public PlanFile {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(createdAt, "createdAt");
    signatures = List.copyOf(signatures);
  }

  /** A new, unsigned plan file. */
  public static PlanFile of(Plan plan, Instant createdAt) {
    return new PlanFile(plan, createdAt, List.of());
  }

  /** This file with one more signature; a second signature by the same key replaces the first. */
  public PlanFile withSignature(PlanSignature signature) {
    Objects.requireNonNull(signature, "signature");
    List<PlanSignature> out = new ArrayList<>();
    for (PlanSignature s : signatures) {
      if (!s.publicKey().equals(signature.publicKey())) {
        out.add(s);
      }
    }
    out.add(signature);
    return new PlanFile(plan, createdAt, out);
  }

  /** The file's JSON text (pretty, stable field order, ending with a newline). */
  public String toJson() {
    ObjectNode root = Json.object();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("environment", plan.environment());
    root.put("created_at", createdAt.toString());
    root.put("desired_hash", plan.desiredHash());
    root.put("live_hash", plan.liveHash());
    root.put("plan_hash", plan.hash());
    ObjectNode summary = root.putObject("summary");
    summary.put("create", plan.count(Change.Action.CREATE));
    summary.put("update", plan.count(Change.Action.UPDATE));
    summary.put("delete", plan.count(Change.Action.DELETE));
    ArrayNode changes = changesJson(plan);
    root.set("changes", changes);
    root.put("changes_sha256", checksum(changes));
    ArrayNode approvals = root.putArray("approvals");
    for (PlanSignature s : signatures) {
      ObjectNode a = approvals.addObject();
      a.put("type", "ed25519");
      a.put("public_key", s.publicKey());
      a.put("signature", s.signature());
      a.put("signed_at", s.signedAt().toString());
    }
    return root.toPrettyString() + "\n";
  }

  /**
   * Writes the file, replacing an existing one atomically (a reader never sees half a plan).
   *
   * @throws DeployException when it cannot be written
   */
  public void write(Path file) {
    Objects.requireNonNull(file, "file");
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    try {
      if (dir != null) {
        Files.createDirectories(dir);
      }
      Path tmp = Files.createTempFile(dir == null ? Path.of(".") : dir, ".pdkit-plan", ".tmp");
      try {
        Files.writeString(tmp, toJson(), StandardCharsets.UTF_8);
        try {
          Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new DeployException("cannot write plan file " + file + ": " + e.getMessage());
    }
  }

  /**
   * Reads and checks a plan file.
   *
   * @throws PlanFileException naming the file and the problem when it is missing, not a plan file,
   *     of another format version, or edited (hashes that do not match the content)
   */
  public static PlanFile read(Path file) {
    Objects.requireNonNull(file, "file");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new PlanFileException("plan file " + file + " does not exist; make one with"
          + " `pdkit deploy --environment E --plan-out " + file + "`");
    } catch (IOException e) {
      throw new PlanFileException("cannot read plan file " + file + ": " + e.getMessage());
    }
    JsonNode tree;
    try {
      tree = Json.mapper().readTree(bytes);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw bad(file, "is not valid JSON" + (loc == null ? "" : " (line " + loc.getLineNr() + ", column "
          + loc.getColumnNr() + ")") + "; it is damaged or was edited");
    } catch (IOException e) {
      throw new PlanFileException("cannot read plan file " + file + ": " + e.getMessage());
    }
    if (!(tree instanceof ObjectNode root) || !FORMAT.equals(root.path("format").asText(null))) {
      throw bad(file, "is not a pdkit plan file (no \"format\": \"" + FORMAT + "\")");
    }
    JsonNode version = root.get("version");
    if (version == null || !version.canConvertToInt()) {
      throw bad(file, "has no format version");
    }
    if (version.asInt() != VERSION) {
      throw bad(file, "has format version " + version.asInt() + " but this pdkit reads version " + VERSION
          + (version.asInt() > VERSION ? "; upgrade pdkit or make the plan with this version" : ""));
    }
    String environment = text(file, root, "environment");
    String desiredHash = text(file, root, "desired_hash");
    String liveHash = text(file, root, "live_hash");
    String planHash = text(file, root, "plan_hash");
    Instant created;
    try {
      created = Instant.parse(text(file, root, "created_at"));
    } catch (DateTimeParseException e) {
      throw bad(file, "created_at is not an ISO-8601 instant");
    }
    if (!(root.get("changes") instanceof ArrayNode changesNode)) {
      throw bad(file, "has no \"changes\" list");
    }
    if (!checksum(changesNode).equals(root.path("changes_sha256").asText())) {
      throw bad(file, "changes do not match changes_sha256: the changes were edited after the plan was made");
    }
    List<Change> changes = new ArrayList<>();
    int i = 0;
    for (JsonNode c : changesNode) {
      changes.add(change(file, c, i++));
    }
    Plan plan = new Plan(environment, changes, desiredHash, liveHash);
    if (!plan.hash().equals(planHash)) {
      throw bad(file, "plan_hash does not match environment, desired_hash and live_hash: the file was edited"
          + " after the plan was made");
    }
    if (!checksum(changesJson(plan)).equals(root.path("changes_sha256").asText())) {
      throw bad(file, "changes contain values this pdkit does not write (edited by hand?)");
    }
    List<PlanSignature> sigs = new ArrayList<>();
    JsonNode approvals = root.path("approvals");
    if (!approvals.isMissingNode() && !approvals.isArray()) {
      throw bad(file, "\"approvals\" is not a list");
    }
    int n = 0;
    for (JsonNode a : approvals) {
      n++;
      String where = "approvals[" + n + "]";
      if (!"ed25519".equals(a.path("type").asText())) {
        throw bad(file, where + " has type '" + a.path("type").asText() + "'; only ed25519 is known");
      }
      try {
        sigs.add(new PlanSignature(need(file, a, "public_key", where), need(file, a, "signature", where),
            Instant.parse(need(file, a, "signed_at", where))));
      } catch (DateTimeParseException e) {
        throw bad(file, where + ".signed_at is not an ISO-8601 instant");
      }
    }
    return new PlanFile(plan, created, sigs);
  }

  private static Change change(Path file, JsonNode c, int index) {
    String where = "changes[" + (index + 1) + "]";
    String action = need(file, c, "action", where);
    String kind = need(file, c, "kind", where);
    Change.Action a;
    ResourceKind k;
    try {
      a = Change.Action.valueOf(action.toUpperCase(Locale.ROOT));
      k = ResourceKind.valueOf(kind.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw bad(file, where + " has an unknown action '" + action + "' or kind '" + kind + "'");
    }
    List<FieldChange> fields = new ArrayList<>();
    for (JsonNode f : c.path("fields")) {
      fields.add(new FieldChange(need(file, f, "field", where + ".fields"), nullableText(f.get("before")),
          nullableText(f.get("after"))));
    }
    return new Change(a, k, need(file, c, "key", where), nullableText(c.get("id")), fields);
  }

  private static ArrayNode changesJson(Plan plan) {
    try {
      return (ArrayNode) Json.mapper().readTree(plan.toJson()).get("changes");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Plan.toJson produced invalid JSON", e);
    }
  }

  private static String checksum(ArrayNode changes) {
    try {
      return Hashing.sha256Hex(Json.mapper().writeValueAsString(changes).getBytes(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise plan changes", e);
    }
  }

  private static String text(Path file, JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw bad(file, "has no \"" + field + "\"");
    }
    return v.asText();
  }

  private static String need(Path file, JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw bad(file, where + " has no \"" + field + "\"");
    }
    return v.asText();
  }

  private static @Nullable String nullableText(@Nullable JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  private static PlanFileException bad(Path file, String problem) {
    return new PlanFileException("plan file " + file + " " + problem + "; make a new plan with"
        + " `pdkit deploy --environment E --plan-out FILE`");
  }
}
