package dev.pdkit.cli.backup;

import dev.pdkit.backup.PruneResult;
import dev.pdkit.backup.Retention;
import dev.pdkit.backup.StoredBackup;
import dev.pdkit.cli.Main;
import dev.pdkit.cli.UsageException;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pdkit backup prune}: apply the retention policy to {@code --dir}. */
@Command(name = "prune",
    description = "Delete archives beyond the retention policy: keep the newest archive of each of the"
        + " N most recent days and M most recent ISO weeks (UTC) that have archives.")
final class PruneCommand extends BackupBase {
  @Option(names = "--keep-daily", paramLabel = "N", defaultValue = "7",
      description = "Days to keep one archive for (default: 7).")
  int keepDaily = 7;

  @Option(names = "--keep-weekly", paramLabel = "M", defaultValue = "4",
      description = "ISO weeks to keep one archive for (default: 4).")
  int keepWeekly = 4;

  @Option(names = "--dry-run", description = "Show what would be deleted; delete nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    Retention retention;
    try {
      retention = Retention.of(keepDaily, keepWeekly);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--keep-daily/--keep-weekly: " + e.getMessage());
    }
    PruneResult r = store().prune(retention, dryRun);
    PrintStream out = main().out();
    for (PruneResult.Kept k : r.kept()) {
      out.println("keep    " + k.backup().name() + "  (" + String.join(", ", k.reasons()) + ")");
    }
    for (StoredBackup b : r.deleted()) {
      out.println((dryRun ? "would delete " : "deleted ") + b.name());
    }
    out.println((dryRun ? "Dry run: would delete " : "Deleted ") + r.deleted().size() + ", kept "
        + r.kept().size() + " in " + store().location());
    return Main.OK;
  }
}
