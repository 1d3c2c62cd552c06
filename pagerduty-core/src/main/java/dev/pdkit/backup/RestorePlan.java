package dev.pdkit.backup;

import dev.pdkit.deploy.FieldChange;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a restore would do: one {@link RestoreChange} per archive record in scope, in execution
 * order (the {@link BackupKind} order), and the problems that stop it from being applied.
 *
 * @param changes every record in scope, in execution order
 * @param problems reasons the restore cannot be applied (e.g. users missing in the target when
 *     creating users is not allowed); empty when it can
 * @param sameAccount whether the archive was read from the target account (records are then
 *     matched by id first, then by name; otherwise by name, e-mail and owner only)
 * @param sourceAccount the account the archive was read from (web host), if known
 * @param targetAccount the target account (web host), if known
 */
public record RestorePlan(List<RestoreChange> changes, List<String> problems, boolean sameAccount,
    @Nullable String sourceAccount, @Nullable String targetAccount) {

  public RestorePlan {
    changes = List.copyOf(changes);
    problems = List.copyOf(problems);
  }

  /** The creates and updates: what {@link Backups#restore} would write. */
  public List<RestoreChange> pending() {
    return changes.stream().filter(c -> c.action() == RestoreChange.Action.CREATE
        || c.action() == RestoreChange.Action.UPDATE).toList();
  }

  /** Number of changes with this action. */
  public long count(RestoreChange.Action action) {
    Objects.requireNonNull(action, "action");
    return changes.stream().filter(c -> c.action() == action).count();
  }

  /** True when nothing would be written (every record unchanged or skipped). */
  public boolean isEmpty() {
    return pending().isEmpty();
  }

  /**
   * The plan for people: creates, updates and skips with their field differences (unchanged
   * records only counted), the problems, and a summary line.
   */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append("Restore plan (")
        .append(sameAccount ? "same account" : "into another account: references remapped, users matched by e-mail")
        .append(targetAccount == null ? "" : ", target " + targetAccount).append("):\n");
    for (RestoreChange c : changes) {
      if (c.action() == RestoreChange.Action.UNCHANGED) {
        continue;
      }
      char sign = switch (c.action()) {
        case CREATE -> '+';
        case UPDATE -> '~';
        case SKIP -> '!';
        case UNCHANGED -> '=';
      };
      sb.append("  ").append(sign).append(' ').append(c.action().name().toLowerCase(Locale.ROOT)).append(' ')
          .append(c.kind().wire()).append(' ').append(c.name());
      if (c.targetId() != null) {
        sb.append(" (").append(c.targetId()).append(')');
      }
      if (c.dependency()) {
        sb.append(" [dependency]");
      }
      if (c.note() != null) {
        sb.append(": ").append(c.note());
      }
      sb.append('\n');
      if (c.action() == RestoreChange.Action.UPDATE) {
        for (FieldChange f : c.fields()) {
          sb.append("      ").append(f.field()).append(": ").append(show(f.before())).append(" -> ")
              .append(show(f.after())).append('\n');
        }
      }
    }
    for (String p : problems) {
      sb.append("  problem: ").append(p).append('\n');
    }
    sb.append(String.format(Locale.ROOT, "%d to create, %d to update, %d unchanged, %d skipped.%n",
        count(RestoreChange.Action.CREATE), count(RestoreChange.Action.UPDATE),
        count(RestoreChange.Action.UNCHANGED), count(RestoreChange.Action.SKIP)));
    return sb.toString();
  }

  private static String show(@Nullable String v) {
    if (v == null) {
      return "(none)";
    }
    return '"' + (v.length() > 200 ? v.substring(0, 200) + "..." : v) + '"';
  }
}
