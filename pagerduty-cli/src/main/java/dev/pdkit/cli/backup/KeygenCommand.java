package dev.pdkit.cli.backup;

import dev.pdkit.backup.IdentityKey;
import dev.pdkit.cli.Main;
import dev.pdkit.cli.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pdkit backup keygen --out PREFIX}: an X25519 key pair for recipient-encrypted archives. */
@Command(name = "keygen",
    description = "Make an X25519 key pair: PREFIX.pub (give it to backup jobs: --recipient PREFIX.pub)"
        + " and PREFIX.key (private, mode 600; opens archives: --identity PREFIX.key). PEM, as openssl writes.")
final class KeygenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "PREFIX",
      description = "Write PREFIX.key and PREFIX.pub; existing files are never overwritten.")
  Path out;

  @Override
  public Integer call() {
    Path key = Path.of(out + ".key");
    Path pub = Path.of(out + ".pub");
    for (Path p : new Path[] {key, pub}) {
      if (Files.exists(p)) {
        throw new UsageException(p + " already exists; choose another --out or remove it");
      }
    }
    IdentityKey id = IdentityKey.generate();
    try {
      id.writePrivateKey(key);
      Files.writeString(pub, id.recipient().toPem(), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
    } catch (FileAlreadyExistsException e) {
      throw new UsageException(e.getFile() + " already exists; choose another --out or remove it");
    } catch (IOException e) {
      throw new UsageException("--out " + out + ": cannot write the key files: " + e.getMessage());
    }
    Main.from(spec).out().println("Wrote private key " + key + " (keep it secret and backed up offline)");
    Main.from(spec).out().println("Wrote public key  " + pub + " (fingerprint " + id.recipient().fingerprint() + ")");
    Main.from(spec).out().print(id.recipient().toPem());
    return Main.OK;
  }
}
