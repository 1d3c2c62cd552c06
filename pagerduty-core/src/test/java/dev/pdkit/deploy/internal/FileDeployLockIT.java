package dev.pdkit.deploy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pdkit.spi.DeployLock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file lock across processes: a child JVM holds it, then crashes. */
class FileDeployLockIT {
  @TempDir Path dir;

  @Test
  void lock_heldByChildProcess_blocksParent_untilChildCrashes() throws Exception {
    DeployLock lock = DeployLock.file(dir);
    Process child = start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("acquired");
      assertThat(lock.tryAcquire("deploy:prod", "parent", Duration.ofMinutes(1))).isEmpty();
      assertThat(lock.holder("deploy:prod")).hasValueSatisfying(h -> assertThat(h).startsWith("child"));
      // a second child cannot take it either
      Process other = start();
      try (BufferedReader o2 = new BufferedReader(new InputStreamReader(other.getInputStream(),
          StandardCharsets.UTF_8))) {
        assertThat(o2.readLine()).isEqualTo("busy");
      }
      assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();

      child.getOutputStream().write('\n');
      child.getOutputStream().flush();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).isEqualTo(3);
    } finally {
      child.destroyForcibly();
    }
    // the crashed holder's lease (valid for an hour) is taken over: its process is gone
    assertThat(lock.tryAcquire("deploy:prod", "parent", Duration.ofMinutes(1))).isPresent();
  }

  private Process start() throws Exception {
    String cp = System.getProperty("surefire.test.class.path");
    if (cp == null || cp.isBlank()) {
      cp = System.getProperty("java.class.path");
    }
    return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
        FileLockChild.class.getName(), dir.toString(), "deploy:prod")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }
}
