package dev.pdkit.cli.backup;

import dev.pdkit.backup.BackupArchive;
import dev.pdkit.backup.Manifest;
import dev.pdkit.cli.Main;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pdkit backup verify FILE}: checks every byte of an archive without restoring it. */
@Command(name = "verify",
    description = "Check an archive's integrity and authenticity (every chunk, record digest, manifest)"
        + " without restoring anything. Exit 0 if intact, 1 if not.")
final class VerifyCommand extends BackupBase {
  @Parameters(paramLabel = "FILE", description = "Archive file, or its name in --dir.")
  String file;

  @Override
  public Integer call() {
    Path archive = archive(file);
    Manifest m = BackupArchive.verify(archive, decryptionFor(archive));
    PrintStream out = main().out();
    out.println("OK " + archive + ": " + m.entries() + " records ("
        + m.counts().entrySet().stream().map(e -> e.getKey().wire() + " " + e.getValue())
            .collect(Collectors.joining(", "))
        + "), account " + m.account() + ", taken " + m.created() + " by pdkit " + m.toolVersion()
        + ", encryption " + m.encryption().wire()
        + (m.encryption() == dev.pdkit.backup.EncryptionMode.NONE ? " (integrity only, not authenticity)" : "")
        + ", sha256 " + m.sha256());
    return Main.OK;
  }
}
