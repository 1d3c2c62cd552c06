package dev.pdkit.deploy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdkit.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The changes that bring the live account to the desired state, in execution order.
 *
 * @param environment the environment planned
 * @param changes the changes in execution order; empty when the account already matches
 * @param desiredHash the config's content hash ({@link dev.pdkit.config.DesiredState#contentHash()})
 * @param liveHash SHA-256 (hex) over the normalised live state the plan was made against
 */
public record Plan(String environment, List<Change> changes, String desiredHash, String liveHash) {

  public Plan {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(desiredHash, "desiredHash");
    Objects.requireNonNull(liveHash, "liveHash");
    changes = List.copyOf(changes);
  }

  /** True when nothing needs to change. */
  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** Number of changes with this action. */
  public long count(Change.Action action) {
    return changes.stream().filter(c -> c.action() == action).count();
  }

  /** SHA-256 (hex) over desired and live hash: identifies what the plan was computed from. */
  public String hash() {
    return dev.pdkit.deploy.internal.Hashing.sha256Hex(
        (environment + "\n" + desiredHash + "\n" + liveHash).getBytes(StandardCharsets.UTF_8));
  }

  /** Human-readable plan: one block per change with its field diffs, and a summary line. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append("Plan for environment ").append(environment).append(":\n");
    for (Change c : changes) {
      char sign = switch (c.action()) {
        case CREATE -> '+';
        case UPDATE -> '~';
        case DELETE -> '-';
      };
      sb.append("  ").append(sign).append(' ').append(c.action().name().toLowerCase(java.util.Locale.ROOT))
          .append(' ').append(c.kind().wire()).append(' ').append(c.key());
      if (c.id() != null) {
        sb.append(" (").append(c.id()).append(')');
      }
      sb.append('\n');
      for (FieldChange f : c.fields()) {
        sb.append("      ").append(f.field()).append(": ");
        switch (c.action()) {
          case CREATE -> sb.append(show(f.after()));
          case DELETE -> sb.append(show(f.before()));
          case UPDATE -> sb.append(show(f.before())).append(" -> ").append(show(f.after()));
        }
        sb.append('\n');
      }
    }
    sb.append(String.format(java.util.Locale.ROOT, "%d to create, %d to update, %d to delete.%n",
        count(Change.Action.CREATE), count(Change.Action.UPDATE), count(Change.Action.DELETE)));
    return sb.toString();
  }

  /** The plan as JSON (stable field order), including {@link #hash()}. */
  public String toJson() {
    ObjectNode root = Json.object();
    root.put("environment", environment);
    root.put("desired_hash", desiredHash);
    root.put("live_hash", liveHash);
    root.put("plan_hash", hash());
    ArrayNode arr = root.putArray("changes");
    for (Change c : changes) {
      ObjectNode n = arr.addObject();
      n.put("action", c.action().name().toLowerCase(java.util.Locale.ROOT));
      n.put("kind", c.kind().wire());
      n.put("key", c.key());
      if (c.id() != null) {
        n.put("id", c.id());
      }
      ArrayNode fs = n.putArray("fields");
      for (FieldChange f : c.fields()) {
        ObjectNode fn = fs.addObject();
        fn.put("field", f.field());
        fn.put("before", f.before());
        fn.put("after", f.after());
      }
    }
    return root.toPrettyString();
  }

  private static String show(@org.jspecify.annotations.Nullable String v) {
    return v == null ? "(none)" : '"' + v + '"';
  }
}
