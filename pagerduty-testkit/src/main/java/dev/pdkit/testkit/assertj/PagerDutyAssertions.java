package dev.pdkit.testkit.assertj;

import dev.pdkit.testkit.FakePagerDuty;

/**
 * Entry point of the testkit's AssertJ assertions.
 *
 * <pre>{@code
 * import static dev.pdkit.testkit.assertj.PagerDutyAssertions.assertThat;
 *
 * assertThat(fake).receivedEvent().withDedupKey("disk-1").withAction("trigger");
 * assertThat(fake).hasOpenIncident("Disk full").withStatus("acknowledged").withUrgency("high");
 * assertThat(fake).receivedRequest("PUT", "/incidents/*").withHeader("from", "ops@example.com");
 * }</pre>
 *
 * <p>Failure messages list what the fake held instead. Routing keys are never shown.
 */
public final class PagerDutyAssertions {
  private PagerDutyAssertions() {}

  /** Assertions on the fake's current state and journal. */
  public static FakePagerDutyAssert assertThat(FakePagerDuty fake) {
    return new FakePagerDutyAssert(fake);
  }
}
