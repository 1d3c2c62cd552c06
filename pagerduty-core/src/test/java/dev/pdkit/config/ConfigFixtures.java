package dev.pdkit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies the example config and edits it, for tests that need one fault each. */
final class ConfigFixtures {
  static final Path EXAMPLE = Path.of("src/test/resources/config-example/config");

  private ConfigFixtures() {}

  /** Copies the example config folder into {@code target}/config and returns that folder. */
  static Path copyExample(Path target) {
    Path dest = target.resolve("config");
    try (Stream<Path> files = Files.walk(EXAMPLE)) {
      for (Path p : files.toList()) {
        Path to = dest.resolve(EXAMPLE.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dest;
  }

  /** Replaces the single occurrence of {@code old} in {@code file} (relative to the config folder). */
  static void replace(Path config, String file, String old, String replacement) {
    Path p = config.resolve(file);
    try {
      String text = Files.readString(p, StandardCharsets.UTF_8);
      int first = text.indexOf(old);
      assertThat(first).as("'%s' occurs in %s", old, file).isGreaterThanOrEqualTo(0);
      assertThat(text.indexOf(old, first + 1)).as("'%s' occurs once in %s", old, file).isEqualTo(-1);
      Files.writeString(p, text.substring(0, first) + replacement + text.substring(first + old.length()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path config, String file, String content) {
    try {
      Path p = config.resolve(file);
      Files.createDirectories(p.getParent());
      Files.writeString(p, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
