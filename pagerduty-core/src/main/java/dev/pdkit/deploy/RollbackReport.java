package dev.pdkit.deploy;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an automatic rollback did after a failed apply: one {@link Undo} per step that had written
 * something, newest first (the order they were undone in), and, when the rollback itself failed,
 * what is left and what to do by hand. Carried by {@link DeployException#rollbackReport()}.
 *
 * @param undos the undo of each step that wrote, in the order attempted (reverse plan order)
 * @param complete true when every write of the failed deploy was undone: the account is as before
 *     (except the notes, e.g. new ids and integration keys of recreated resources)
 * @param manualSteps when not complete: one line per resource left changed, saying what to do
 * @param notes what differs even after a complete rollback (new ids, new integration keys, lost
 *     schedule overrides); never contains a secret
 */
public record RollbackReport(List<Undo> undos, boolean complete, List<String> manualSteps, List<String> notes) {

  public RollbackReport {
    undos = List.copyOf(undos);
    manualSteps = List.copyOf(manualSteps);
    notes = List.copyOf(notes);
  }

  /** How a step is undone. */
  public enum Method {
    /** A created resource is deleted. */
    DELETE_CREATED,
    /** An updated resource is written back to its snapshot taken before the first write. */
    RESTORE_UPDATED,
    /** A deleted resource is created again from its snapshot, references remapped to the new id. */
    RECREATE_DELETED
  }

  /** The result of undoing one step. */
  public enum Outcome {
    /** Undone. */
    UNDONE,
    /** The step's write was refused by PagerDuty, so there was nothing to undo. */
    NOTHING_TO_UNDO,
    /** Undoing failed; the rollback stopped here. */
    FAILED,
    /** Not attempted because an earlier undo failed. */
    NOT_ATTEMPTED
  }

  /**
   * The undo of one plan step.
   *
   * @param step 1-based position of the step in the plan
   * @param change the planned change that was (partly) applied
   * @param method how it is undone
   * @param outcome what happened
   * @param id the resource id the deploy left (created or touched), if known
   * @param newId for {@link Method#RECREATE_DELETED}: the id of the recreated resource
   * @param detail the error for {@link Outcome#FAILED}, else a short explanation (may be empty)
   */
  public record Undo(int step, Change change, Method method, Outcome outcome, @Nullable String id,
      @Nullable String newId, String detail) {
    public Undo {
      Objects.requireNonNull(change, "change");
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(detail, "detail");
    }

    /** One line, e.g. {@code undone: step 4 update service checkout-api (PX1) restored}. */
    public String toText() {
      String verb = switch (method) {
        case DELETE_CREATED -> "delete created";
        case RESTORE_UPDATED -> "restore updated";
        case RECREATE_DELETED -> "recreate deleted";
      };
      StringBuilder sb = new StringBuilder();
      sb.append(outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(": step ").append(step).append(' ')
          .append(verb).append(' ').append(change.kind().wire()).append(' ').append(change.key());
      if (id != null) {
        sb.append(" (").append(id).append(')');
      }
      if (newId != null) {
        sb.append(" -> new id ").append(newId);
      }
      if (!detail.isEmpty()) {
        sb.append(": ").append(detail);
      }
      return sb.toString();
    }
  }

  /** Number of undos with this outcome. */
  public long count(Outcome outcome) {
    return undos.stream().filter(u -> u.outcome() == outcome).count();
  }

  /** Multi-line human-readable report: each undo, then notes, then manual steps if any. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append(complete ? "Rollback complete: " + count(Outcome.UNDONE) + " step(s) undone, the account is as before"
        + " the deploy.\n" : "ROLLBACK INCOMPLETE: " + count(Outcome.UNDONE) + " step(s) undone, "
        + (count(Outcome.FAILED) + count(Outcome.NOT_ATTEMPTED)) + " left as the deploy made them.\n");
    for (Undo u : undos) {
      sb.append("  ").append(u.toText()).append('\n');
    }
    if (!notes.isEmpty()) {
      sb.append("Notes:\n");
      notes.forEach(n -> sb.append("  - ").append(n).append('\n'));
    }
    if (!manualSteps.isEmpty()) {
      sb.append("To finish by hand (in this order):\n");
      manualSteps.forEach(n -> sb.append("  - ").append(n).append('\n'));
    }
    return sb.toString();
  }
}
