package dev.pdkit.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pdkit.PagerDuty;
import dev.pdkit.Secret;
import dev.pdkit.events.AlertEvent;
import dev.pdkit.model.User;
import dev.pdkit.testkit.Fault;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.RateLimits;
import dev.pdkit.testkit.SeededService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@PagerDutyTest(tokens = "test-token", users = {"ops@example.com", "bob@example.com"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PagerDutyTestAnnotationTest {
  static int classPort;

  @BeforeAll
  static void rememberPort(FakePagerDuty fake) {
    classPort = fake.port();
  }

  @Test
  @Order(1)
  void inject_fakeAndClient_clientTalksToThatFakeWithConfiguredTokenAndUsers(FakePagerDuty fake, PagerDuty pd) {
    assertThat(fake.port()).isEqualTo(classPort);
    assertThat(pd.apiUrl()).isEqualTo(fake.baseUrl());
    assertThat(pd.from()).contains("ops@example.com");
    assertThat(pd.users().list().stream().map(User::email)).containsExactly("ops@example.com", "bob@example.com");
    assertThat(fake.requests()).singleElement()
        .satisfies(r -> assertThat(r.header("authorization")).isEqualTo("Token token=<redacted>"));
  }

  @Test
  @Order(2)
  void firstTest_leavesStateFaultsAndLimits(FakePagerDuty fake, PagerDuty pd) {
    SeededService svc = fake.seedService("left-over");
    pd.events().trigger(AlertEvent.trigger(Secret.of(svc.integrationKey()))
        .summary("s").source("h").severity(dev.pdkit.events.Severity.ERROR).dedupKey("k").build());
    fake.addFault(Fault.status("/abilities", 500));
    fake.setRateLimits(new RateLimits(1000, 1000));
    assertThat(fake.incidents()).hasSize(1);
  }

  @Test
  @Order(3)
  void secondTest_sharedFakeWasResetButKeepsStartupUsers(FakePagerDuty fake, PagerDuty pd) {
    assertThat(fake.port()).isEqualTo(classPort);
    assertThat(fake.incidents()).isEmpty();
    assertThat(fake.requests()).isEmpty();
    assertThat(fake.rateLimits()).isEqualTo(RateLimits.UNLIMITED);
    assertThat(pd.services().list().toList()).isEmpty();
    assertThat(fake.userId("bob@example.com")).isNotNull();
  }

  @Nested
  class Inner {
    @Test
    void nested_sharesEnclosingFake(FakePagerDuty fake) {
      assertThat(fake.port()).isEqualTo(classPort);
    }
  }
}
