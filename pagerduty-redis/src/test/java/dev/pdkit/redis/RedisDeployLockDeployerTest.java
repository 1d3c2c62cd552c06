package dev.pdkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pdkit.PagerDuty;
import dev.pdkit.config.ConfigLoader;
import dev.pdkit.config.DesiredState;
import dev.pdkit.deploy.DeployException;
import dev.pdkit.deploy.Deployer;
import dev.pdkit.spi.DeployLock;
import dev.pdkit.testkit.FakePagerDuty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Redis deploy lock plugged into a {@link Deployer}: one deploy per environment across hosts. */
class RedisDeployLockDeployerTest extends RedisTestBase {
  @TempDir Path dir;

  @Override
  String url() {
    return RedisTestSupport.standaloneUrl();
  }

  @Test
  void apply_whileAnotherHostHoldsTheRedisLock_failsNamingIt_thenSucceedsAfterRelease() throws IOException {
    Files.createDirectories(dir.resolve("environments"));
    Files.writeString(dir.resolve("environments/prod.yaml"), "environment: prod\n");
    Files.writeString(dir.resolve("pagerduty.yaml"), """
        version: 1
        users:
          - { email: oncall@example.com, name: On Call, manage: true }
        """);
    DesiredState desired = ConfigLoader.forDirectory(dir).load("prod");
    try (FakePagerDuty fake = FakePagerDuty.builder().user("ops@example.com").start();
        PagerDuty pd = PagerDuty.builder().apiUrl(fake.baseUrl()).apiToken(fake.apiToken())
            .from("ops@example.com").build()) {
      Deployer deployer = Deployer.builder().client(pd).actor("ci-here").lock(redis.deployLock()).build();
      DeployLock otherHost = open().deployLock();
      DeployLock.Lease held = otherHost.tryAcquire("deploy:prod", "ci-runner-7", Duration.ofMinutes(1))
          .orElseThrow();

      assertThatThrownBy(() -> deployer.apply(desired)).isInstanceOf(DeployException.class)
          .hasMessageContaining("environment prod is being deployed by ci-runner-7 (lock deploy:prod)");
      assertThat(fake.userId("oncall@example.com")).isNull();

      held.close();
      assertThat(deployer.apply(desired).applied()).hasSize(1);
      assertThat(fake.userId("oncall@example.com")).isNotNull();
      // the deployer released its lease: the other host can deploy now
      assertThat(otherHost.tryAcquire("deploy:prod", "ci-runner-7", Duration.ofMinutes(1))).isPresent();
    }
  }
}
