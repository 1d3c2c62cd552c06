package dev.pdkit.cli.backup;

import dev.pdkit.Secret;
import dev.pdkit.backup.ArchiveSummary;
import dev.pdkit.backup.BackupArchive;
import dev.pdkit.backup.BackupStore;
import dev.pdkit.backup.Decryption;
import dev.pdkit.backup.EncryptionMode;
import dev.pdkit.backup.IdentityKey;
import dev.pdkit.backup.RecipientKey;
import dev.pdkit.cli.Main;
import dev.pdkit.cli.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every {@code pdkit backup} subcommand shares: {@code --dir}, the passphrase ({@code
 * PDKIT_BACKUP_PASSPHRASE} or {@code --passphrase-file}, never an argument), {@code --identity}
 * private keys, and helpers to resolve archives and keys. Subcommands extend it and implement
 * {@link #call()}.
 */
public abstract class BackupBase implements Callable<Integer> {
  /** Environment variable holding the archive passphrase. */
  public static final String ENV_PASSPHRASE = "PDKIT_BACKUP_PASSPHRASE";

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = "backups",
      description = "Directory holding the archives (default: ./backups).")
  protected Path dir = Path.of("backups");

  @Option(names = "--passphrase-file", paramLabel = "FILE",
      description = "Read the passphrase from FILE (first line; default: $" + ENV_PASSPHRASE + ").")
  protected @Nullable Path passphraseFile;

  @Option(names = "--identity", paramLabel = "FILE",
      description = "Private key (PEM, from 'pdkit backup keygen') that opens archives encrypted to its public key; repeatable.")
  protected List<Path> identityFiles = new ArrayList<>();

  @Spec protected CommandSpec spec;

  /** The running {@code pdkit}. */
  protected Main main() {
    return Main.from(spec);
  }

  /** The archive store in {@code --dir}. */
  protected BackupStore store() {
    return BackupStore.directory(dir);
  }

  /**
   * The passphrase from {@code --passphrase-file}, else {@code PDKIT_BACKUP_PASSPHRASE}; registered
   * so it is never printed.
   *
   * @throws UsageException if the file is missing or empty
   */
  protected Optional<Secret> passphrase() {
    String value;
    String source;
    if (passphraseFile != null) {
      source = "--passphrase-file " + passphraseFile;
      try {
        value = Files.readString(passphraseFile, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new UsageException(source + ": no such file");
      } catch (IOException e) {
        throw new UsageException(source + ": cannot read: " + e.getMessage());
      }
      int nl = value.indexOf('\n');
      if (nl >= 0) {
        value = value.substring(0, nl);
      }
      value = value.endsWith("\r") ? value.substring(0, value.length() - 1) : value;
    } else {
      source = "$" + ENV_PASSPHRASE;
      value = main().env(ENV_PASSPHRASE);
      if (value == null) {
        return Optional.empty();
      }
    }
    if (value.isBlank()) {
      throw new UsageException(source + ": the passphrase is empty");
    }
    main().registerSecret(value);
    return Optional.of(Secret.of(value));
  }

  /** The {@code --identity} keys. */
  protected List<IdentityKey> identities() {
    List<IdentityKey> out = new ArrayList<>();
    for (Path f : identityFiles) {
      String text;
      try {
        text = Files.readString(f, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new UsageException("--identity " + f + ": no such file");
      } catch (IOException e) {
        throw new UsageException("--identity " + f + ": cannot read: " + e.getMessage());
      }
      if (text.isBlank()) {
        throw new UsageException("--identity " + f + ": the file is empty");
      }
      main().registerSecret(text.strip());
      try {
        out.add(IdentityKey.parse(Secret.of(text)));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--identity " + f + ": " + e.getMessage());
      }
    }
    return out;
  }

  /**
   * Recipient public keys from values that are each a file (PEM, e.g. {@code backup.pub}) or a key
   * itself (one line of base64).
   *
   * @param option the option name, for messages
   */
  protected List<RecipientKey> recipients(String option, List<String> values) {
    List<RecipientKey> out = new ArrayList<>();
    for (String v : values) {
      Path p = Path.of(v.length() > 200 ? "-" : v);
      try {
        if (v.length() <= 200 && Files.isRegularFile(p)) {
          out.add(RecipientKey.parse(Files.readString(p, StandardCharsets.UTF_8)));
        } else {
          out.add(RecipientKey.parse(v));
        }
      } catch (IOException e) {
        throw new UsageException(option + " " + v + ": cannot read: " + e.getMessage());
      } catch (IllegalArgumentException e) {
        throw new UsageException(option + " " + v + ": " + e.getMessage());
      }
    }
    return out;
  }

  /** Every key offered on the command line and in the environment; unencrypted archives accepted. */
  protected Decryption decryption() {
    Decryption d = Decryption.none();
    Optional<Secret> pass = passphrase();
    if (pass.isPresent()) {
      d = d.withPassphrase(pass.get());
    }
    for (IdentityKey id : identities()) {
      d = d.withIdentity(id);
    }
    return d;
  }

  /**
   * The keys needed for {@code archive}, checked before any work: a usage error (exit 2) names
   * what to give when the archive needs a key that was not offered.
   */
  protected Decryption decryptionFor(Path archive) {
    ArchiveSummary s = BackupArchive.peek(archive);
    Decryption d = decryption();
    if (s.encryption() == EncryptionMode.PASSPHRASE && !d.hasPassphrase()) {
      throw new UsageException(archive.getFileName() + " is encrypted with a passphrase: set $"
          + ENV_PASSPHRASE + " or use --passphrase-file FILE");
    }
    if (s.encryption() == EncryptionMode.RECIPIENTS && d.identities().isEmpty()) {
      throw new UsageException(archive.getFileName() + " is encrypted to recipient keys " + s.recipients()
          + ": use --identity FILE with a matching private key");
    }
    return d;
  }

  /**
   * An archive named on the command line: a path to a file, else a name in {@code --dir}.
   *
   * @throws UsageException if neither exists
   */
  protected Path archive(String fileOrName) {
    Path p = Path.of(fileOrName);
    if (Files.isRegularFile(p)) {
      return p;
    }
    Path inDir = dir.resolve(fileOrName);
    if (!p.isAbsolute() && Files.isRegularFile(inDir)) {
      return inDir;
    }
    throw new UsageException(fileOrName + ": no such archive (looked for the file, and in " + dir + ")");
  }

  /** {@code 12.3 MB} style size. */
  protected static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format("%.1f KiB", bytes / 1024.0);
    }
    return String.format("%.1f MiB", bytes / (1024.0 * 1024));
  }
}
