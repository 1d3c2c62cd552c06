package dev.pdkit.cli.backup;

import picocli.CommandLine.Command;

/**
 * {@code pdkit backup}: the archive commands. To add one, write a class extending {@link
 * BackupBase} (annotated {@code @Command}) and append it to {@code subcommands} below.
 */
@Command(
    name = "backup",
    description = "Encrypted, verifiable backups of a PagerDuty account: create, restore, list, verify, prune, keygen.",
    synopsisSubcommandLabel = "COMMAND",
    footer = {"",
        "Archives live in --dir (default ./backups). The passphrase comes from $PDKIT_BACKUP_PASSPHRASE",
        "or --passphrase-file, never from an argument; recipient archives open with --identity FILE.",
        "Format: docs/backup-format.md."},
    subcommands = {
        CreateCommand.class,
        RestoreCommand.class,
        ListCommand.class,
        VerifyCommand.class,
        PruneCommand.class,
        KeygenCommand.class})
public final class BackupCommand {
  private BackupCommand() {}
}
