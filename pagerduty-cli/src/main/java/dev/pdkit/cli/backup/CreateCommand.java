package dev.pdkit.cli.backup;

import dev.pdkit.Secret;
import dev.pdkit.backup.BackupKind;
import dev.pdkit.backup.BackupStore;
import dev.pdkit.backup.Backups;
import dev.pdkit.backup.Encryption;
import dev.pdkit.backup.Manifest;
import dev.pdkit.cli.Main;
import dev.pdkit.cli.UsageException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pdkit backup create}: captures the whole account into a new encrypted archive in {@code
 * --dir}; the archive's path is the last line printed.
 */
@Command(name = "create",
    description = {"Back up the whole account (users, teams and members, schedules with layers and"
        + " upcoming overrides, escalation policies, services with integrations, open maintenance"
        + " windows) into a new compressed, encrypted archive in --dir. The archive's path is the"
        + " last line printed.",
        "Archives hold integration keys, so they are always encrypted: with the passphrase"
        + " ($" + BackupBase.ENV_PASSPHRASE + " or --passphrase-file), or to public keys"
        + " (--recipient, from 'pdkit backup keygen'), which needs no secret to write."})
final class CreateCommand extends BackupBase {
  @Option(names = "--encrypt",
      description = "Encrypt with the passphrase (or to the --recipient keys when given).")
  boolean encrypt;

  @Option(names = "--recipient", paramLabel = "KEYFILE",
      description = "Encrypt to this public key (a .pub file or the key itself); repeatable. Any"
          + " matching private key (--identity) opens the archive.")
  List<String> recipientValues = new ArrayList<>();

  @Option(names = "--override-days", paramLabel = "DAYS", defaultValue = "90",
      description = "Capture schedule overrides this many days ahead (default: ${DEFAULT-VALUE}).")
  int overrideDays;

  @Override
  public Integer call() {
    if (overrideDays < 1 || overrideDays > 3650) {
      throw new UsageException("--override-days must be 1 to 3650, was " + overrideDays);
    }
    Encryption encryption;
    if (!recipientValues.isEmpty()) {
      encryption = Encryption.recipients(recipients("--recipient", recipientValues));
    } else if (encrypt) {
      Secret pass = passphrase().orElseThrow(() -> new UsageException("--encrypt needs a passphrase: set $"
          + ENV_PASSPHRASE + " or use --passphrase-file FILE (or encrypt to --recipient KEYFILE)"));
      encryption = Encryption.passphrase(pass);
    } else {
      throw new UsageException("archives hold integration keys and are always encrypted: add --encrypt (with $"
          + ENV_PASSPHRASE + " or --passphrase-file) or --recipient KEYFILE");
    }
    Main main = main();
    PrintStream out = main.out();
    BackupStore store = store();
    Backups backups = Backups.builder().client(main.client()).store(store)
        .overrideWindow(Duration.ofDays(overrideDays)).build();
    long started = System.nanoTime();
    BackupStore.Saved saved = backups.create(encryption);
    Manifest m = saved.manifest();
    long size = saved.backup().size();
    out.println("Backed up account " + m.account() + ": " + m.entries() + " records ("
        + counts(m.counts()) + ") in " + String.format(java.util.Locale.ROOT, "%.1f s",
            (System.nanoTime() - started) / 1e9) + ", " + size(size) + ", encryption " + m.encryption().wire());
    out.println(saved.backup().location());
    return Main.OK;
  }

  static String counts(Map<BackupKind, Long> counts) {
    return counts.entrySet().stream().filter(e -> e.getValue() > 0)
        .map(e -> e.getKey().wire() + " " + e.getValue()).collect(Collectors.joining(", "));
  }
}
