package dev.pdkit.deploy.internal;

import dev.pdkit.spi.DeployLock;
import java.nio.file.Path;
import java.time.Duration;

/** Child process for {@link FileDeployLockIT}: takes a lock, says so, then dies without releasing it. */
public final class FileLockChild {
  private FileLockChild() {}

  public static void main(String[] args) throws Exception {
    DeployLock lock = DeployLock.file(Path.of(args[0]));
    boolean got = lock.tryAcquire(args[1], "child", Duration.ofHours(1)).isPresent();
    System.out.println(got ? "acquired" : "busy");
    System.out.flush();
    if (got) {
      System.in.read(); // hold until told (or killed)
      Runtime.getRuntime().halt(3); // crash: no release
    }
  }
}
