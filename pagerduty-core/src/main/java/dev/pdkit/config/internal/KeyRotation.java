package dev.pdkit.config.internal;

import dev.pdkit.config.ConfigException;
import dev.pdkit.errors.CryptoException;
import dev.pdkit.spi.CryptoProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Re-encrypts every {@code enc:v1:} value in the YAML files of a config folder under a new key,
 * leaving every other byte of each file unchanged. All values are decrypted first; if any fails,
 * nothing is written.
 */
public final class KeyRotation {
  static final Pattern TOKEN = Pattern.compile("enc:v1:[A-Za-z0-9_-]+");

  private KeyRotation() {}

  /**
   * Rotates.
   *
   * @return re-encrypted value counts by file (files without values are absent)
   * @throws ConfigException naming file:line:col of every value the old key cannot decrypt
   */
  public static Map<Path, Integer> rotate(Path dir, CryptoProvider from, CryptoProvider to, long maxFileBytes) {
    Problems problems = new Problems();
    Map<Path, String> rewritten = new LinkedHashMap<>();
    Map<Path, Integer> counts = new LinkedHashMap<>();
    for (Path p : yamlFiles(dir)) {
      String text;
      try {
        if (Files.size(p) > maxFileBytes) {
          problems.error(Origin.ofFile(p.toString()), "file is over the size limit", "split it");
          continue;
        }
        text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
      } catch (IOException e) {
        problems.error(Origin.ofFile(p.toString()), "cannot read file: " + e.getClass().getSimpleName(), null);
        continue;
      }
      Matcher m = TOKEN.matcher(text);
      StringBuilder sb = new StringBuilder(text.length());
      int count = 0;
      while (m.find()) {
        String token = m.group();
        String replacement = token;
        try {
          byte[] clear = from.decrypt(token, StateBuilder.CONFIG_AAD);
          replacement = to.encrypt(clear, StateBuilder.CONFIG_AAD);
          Arrays.fill(clear, (byte) 0);
          count++;
        } catch (CryptoException e) {
          problems.error(position(p.toString(), text, m.start()), "cannot decrypt with the current key: " + e.getMessage(),
              "set the key these values were encrypted with before rotating");
        }
        m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
      }
      m.appendTail(sb);
      if (count > 0) {
        rewritten.put(p, sb.toString());
        counts.put(p, count);
      }
    }
    if (problems.hasErrors()) {
      throw new ConfigException(problems.list());
    }
    // write every file to a temporary sibling first, then move them all into place
    Map<Path, Path> temps = new LinkedHashMap<>();
    try {
      for (Map.Entry<Path, String> e : rewritten.entrySet()) {
        Path tmp = Files.createTempFile(e.getKey().getParent(), ".pdkit-rotate-", ".tmp");
        temps.put(e.getKey(), tmp);
        Files.write(tmp, e.getValue().getBytes(StandardCharsets.UTF_8));
      }
      for (Map.Entry<Path, Path> e : temps.entrySet()) {
        try {
          Files.move(e.getValue(), e.getKey(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException ex) {
          Files.move(e.getValue(), e.getKey(), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      for (Path tmp : temps.values()) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort cleanup
        }
      }
      throw new UncheckedIOException("writing re-encrypted config files failed", e);
    }
    return counts;
  }

  static Origin position(String file, String text, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new Origin(file, line, offset - lineStart + 1, "");
  }

  private static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> s = Files.walk(dir, 4)) {
      List<Path> out = new ArrayList<>();
      s.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
          .sorted()
          .limit(ConfigEngine.MAX_FILES)
          .forEach(out::add);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
