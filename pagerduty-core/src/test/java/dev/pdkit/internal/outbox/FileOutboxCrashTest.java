package dev.pdkit.internal.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pdkit.errors.OutboxException;
import dev.pdkit.events.FileOutbox;
import dev.pdkit.spi.OutboxStore;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code kill -9} of a process that appends must lose nothing that {@code append} returned
 * from. The child ({@link FileOutboxCrashMain}) prints each id after its append returned; the
 * parent kills it mid-run and reopens the directory.
 */
class FileOutboxCrashTest {
  @TempDir Path dir;

  /** The classpath of this test JVM, which Surefire may hide in a manifest-only jar. */
  static String testClasspath() {
    String cp = System.getProperty("surefire.test.class.path");
    if (cp == null || cp.isBlank()) {
      cp = System.getProperty("java.class.path");
    }
    return cp;
  }

  static Process startChild(Path dir, int n, String policy) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xshare:auto",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            testClasspath(),
            FileOutboxCrashMain.class.getName(),
            dir.toString(),
            Integer.toString(n),
            policy);
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    return pb.start();
  }

  @ParameterizedTest
  @EnumSource(FileOutbox.FsyncPolicy.class)
  void killMinus9_midRun_everyPrintedIdSurvives(FileOutbox.FsyncPolicy policy) throws Exception {
    Process child = startChild(dir, 1_000_000, policy.name());
    List<String> printed = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String first = out.readLine();
      assertThat(first).as("child start-up line").isEqualTo("open");
      // While the child holds the directory, a second process must be refused clearly.
      assertThatThrownBy(() -> FileOutbox.open(dir))
          .isInstanceOf(OutboxException.class)
          .hasMessageContaining("locked by another process (pid " + child.pid() + ")");
      String line;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while ((line = out.readLine()) != null) {
        printed.add(line);
        if (printed.size() >= 400 || System.nanoTime() > deadline) {
          break;
        }
      }
      // SIGKILL through the handle: Process.destroyForcibly() would also close our end of the pipe.
      assertThat(child.toHandle().destroyForcibly()).isTrue();
      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
      // Lines the child printed before it died are still in the pipe.
      while ((line = out.readLine()) != null) {
        printed.add(line);
      }
    } finally {
      child.destroyForcibly();
    }
    assertThat(printed).as("ids printed before the kill").hasSizeGreaterThan(50);
    assertThat(printed).doesNotContain("done");

    Set<String> expected = new HashSet<>();
    Set<String> acked = new HashSet<>();
    for (String id : printed) {
      if (!id.startsWith("e-")) {
        continue; // a partial last line
      }
      int i;
      try {
        i = Integer.parseInt(id.substring(2));
      } catch (NumberFormatException e) {
        continue;
      }
      expected.add(id);
      if (i % 3 == 0) {
        acked.add("e-" + (i / 2));
      }
    }
    expected.removeAll(acked);
    try (OutboxStore store = FileOutbox.open(dir)) {
      Set<String> found = new HashSet<>();
      for (OutboxStore.Entry e : store.claim("parent", Integer.MAX_VALUE, Duration.ofMinutes(1))) {
        found.add(e.id());
      }
      assertThat(found).containsAll(expected);
    }
    assertThat(new File(dir.toFile(), FileOutboxStore.LOCK_FILE)).exists();
  }
}
