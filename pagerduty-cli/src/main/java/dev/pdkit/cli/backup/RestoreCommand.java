package dev.pdkit.cli.backup;

import dev.pdkit.backup.BackupRecord;
import dev.pdkit.backup.Backups;
import dev.pdkit.backup.RestoreChange;
import dev.pdkit.backup.RestoreException;
import dev.pdkit.backup.RestoreOptions;
import dev.pdkit.backup.RestorePlan;
import dev.pdkit.backup.RestoreResult;
import dev.pdkit.cli.Main;
import dev.pdkit.cli.UsageException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pdkit backup restore FILE}: checks the whole archive, plans the restore against the
 * account and prints the plan; writes only with {@code --apply}.
 */
@Command(name = "restore",
    description = {"Restore an archive into the account: the whole archive is checked first (a wrong"
        + " key or an altered byte stops here, exit 1, nothing restored), then the plan is printed:"
        + " what would be created (missing) or updated (changed). Nothing is written without --apply.",
        "Into the account the archive came from, resources are matched by id (deleted ones are"
        + " recreated, changed ones reverted); into another account, by e-mail (users) and name,"
        + " with every reference remapped. A restore never deletes. A failed write undoes the"
        + " earlier ones."})
final class RestoreCommand extends BackupBase {
  @Parameters(paramLabel = "FILE", description = "Archive file, or its name in --dir.")
  String file;

  @Option(names = "--apply", description = "Write the changes (default: dry run, print the plan only).")
  boolean apply;

  @Option(names = "--only", paramLabel = "KIND:NAME",
      description = "Restore only this resource (name, e-mail for users, or id in the archive), e.g."
          + " service:checkout-api; repeatable. A service brings its integrations, a schedule its overrides,"
          + " a team its members; what it refers to is restored too when missing.")
  List<String> only = new ArrayList<>();

  @Option(names = "--no-dependencies",
      description = "With --only: refuse, naming them, when referenced resources are missing instead of"
          + " restoring them too.")
  boolean noDependencies;

  @Option(names = "--create-users",
      description = "Create users the account lacks (default: list them and refuse; a new user is invited).")
  boolean createUsers;

  @ArgGroup(exclusive = true)
  Target target;

  static final class Target {
    @Option(names = "--same-account", description = "Match by id: the archive is from this account"
        + " (default: decided by comparing the accounts' web hosts).")
    boolean same;

    @Option(names = "--other-account", description = "Match by e-mail and name only.")
    boolean other;
  }

  @Option(names = "--health", description = "After --apply, run the full health check on the account.")
  boolean health;

  @Option(names = "--verbose-plan", description = "List unchanged resources too.")
  boolean verbosePlan;

  @Override
  public Integer call() {
    Path archive = archive(file);
    RestoreOptions.Builder ob = RestoreOptions.builder().createMissingUsers(createUsers)
        .pullDependencies(!noDependencies).healthCheck(health);
    for (String s : only) {
      try {
        ob.only(s);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
    if (target != null) {
      ob.sameAccount(target.same);
    }
    RestoreOptions options = ob.build();
    Main main = main();
    PrintStream out = main.out();
    List<BackupRecord> records = Backups.readVerified(archive, decryptionFor(archive));
    out.println("Archive " + archive + ": " + records.size() + " records, intact.");
    Backups backups = Backups.builder().client(main.client()).build();
    if (!apply) {
      RestorePlan plan = backups.planRestore(records, options);
      out.print(plan.toText());
      if (verbosePlan) {
        plan.changes().stream().filter(c -> c.action() == RestoreChange.Action.UNCHANGED)
            .forEach(c -> out.println("  = unchanged " + c.kind().wire() + " " + c.name()));
      }
      if (!plan.problems().isEmpty()) {
        throw new RestoreException("the restore cannot be applied: " + String.join("; ", plan.problems()));
      }
      out.println("Dry run: nothing was changed." + (plan.isEmpty() ? " The account already matches the archive."
          : " Run again with --apply to restore."));
      return Main.OK;
    }
    RestoreResult result = backups.restore(records, options);
    out.print(result.plan().toText());
    out.println("Restored: " + result.applied().stream().filter(c -> c.action() == RestoreChange.Action.CREATE).count()
        + " created, " + result.applied().stream().filter(c -> c.action() == RestoreChange.Action.UPDATE).count()
        + " updated.");
    result.notes().forEach(n -> out.println("Note: " + n));
    if (result.verified()) {
      out.println("Verified: a new plan finds the account matching the archive.");
    } else {
      out.print("Not verified: a new plan still finds differences:\n" + result.verification().toText());
    }
    if (result.health() != null) {
      out.println("Health: " + result.health().summary());
    }
    return result.verified() ? Main.OK : Main.FAILED;
  }
}
