package dev.pdkit.cli.deploy;

import dev.pdkit.audit.AuditLog;
import dev.pdkit.audit.AuditVerification;
import dev.pdkit.cli.Main;
import dev.pdkit.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pdkit audit verify FILE}: check the hash chain of a deploy audit log. */
@Command(name = "audit", synopsisSubcommandLabel = "COMMAND",
    description = "Check deploy audit logs (JSON lines with a SHA-256 hash chain).",
    subcommands = AuditCommand.Verify.class)
public final class AuditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: verify");
  }

  @Command(name = "verify", description = {"Recompute the hash chain; exit 0 if intact, 1 naming the first edited,",
      "removed, inserted or reordered line. Prints the head hash: keep it elsewhere to also detect",
      "lines cut from the end."})
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The audit log, e.g. pdkit-audit.jsonl.")
    Path file = Path.of(DeployCommand.DEFAULT_AUDIT_LOG);

    @Override
    public Integer call() {
      Main main = Main.from(spec);
      if (!Files.isRegularFile(file)) {
        throw new UsageException("audit log " + file + " does not exist or is not a file");
      }
      AuditVerification v = AuditLog.verify(file);
      if (v.valid()) {
        main.out().println(file + ": " + v.summary());
        return Main.OK;
      }
      main.err().println("pdkit: error: " + file + ": " + v.summary());
      return Main.FAILED;
    }
  }
}
