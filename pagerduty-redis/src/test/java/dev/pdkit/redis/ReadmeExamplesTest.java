package dev.pdkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pdkit.PagerDuty;
import dev.pdkit.Secret;
import dev.pdkit.events.AlertEvent;
import dev.pdkit.events.EventResult;
import dev.pdkit.events.EventSender;
import dev.pdkit.events.FileOutbox;
import dev.pdkit.events.Severity;
import dev.pdkit.model.Incident;
import dev.pdkit.model.IncidentStatus;
import dev.pdkit.model.Service;
import dev.pdkit.rest.IncidentQuery;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.SeededService;
import dev.pdkit.testkit.assertj.PagerDutyAssertions;
import dev.pdkit.testkit.junit.PagerDutyTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's snippets, compiled and run against the fake (and the test Redis), so the README
 * cannot drift from the API. Keep each method's body identical to its README block, apart from
 * where the values come from (the README reads the environment; these read the fake).
 */
@PagerDutyTest(users = "ops@example.com")
class ReadmeExamplesTest {

  @Test
  void quickStart_sendsAndResolvesAnEvent_andListsServices(FakePagerDuty fake) {
    SeededService seeded = fake.seedService("Checkout API");
    Map<String, String> env = Map.of(
        "PAGERDUTY_API_KEY", fake.apiToken(),
        "PAGERDUTY_ROUTING_KEY", seeded.integrationKey());
    List<String> printed = new ArrayList<>();

    try (PagerDuty pd = PagerDuty.builder()
            .apiToken(env.get("PAGERDUTY_API_KEY"))
            .apiUrl(fake.baseUrl()).eventsUrl(fake.eventsUrl())   // the README uses PagerDuty's
            .from("ops@example.com")
            .build()) {

      Secret routingKey = Secret.of(env.get("PAGERDUTY_ROUTING_KEY"));
      EventResult sent = pd.events().trigger(AlertEvent.trigger(routingKey)
          .summary("Checkout error rate above 5%")
          .source("checkout-api")
          .severity(Severity.CRITICAL)
          .build());
      pd.events().resolve(routingKey, sent.dedupKey());

      for (Service service : pd.services().list()) {
        printed.add(service.name());
      }
      CompletableFuture<List<Incident>> open = pd.incidents()
          .list(IncidentQuery.builder().statuses(IncidentStatus.TRIGGERED).build())
          .toListAsync();

      assertThat(sent.dedupKey()).isNotBlank();
      assertThat(open.join()).isEmpty();   // resolved by the resolve event
    }
    assertThat(printed).contains("Checkout API");
    PagerDutyAssertions.assertThat(fake).hasNoOpenIncidents();
  }

  @Test
  void reliableDelivery_submitsThroughTheFileOutbox(FakePagerDuty fake, PagerDuty pd,
      @TempDir Path dir) {
    Secret routingKey = Secret.of(fake.seedService("DB").integrationKey());

    try (EventSender sender = EventSender.builder(pd)
            .outbox(FileOutbox.open(dir.resolve("pagerduty-outbox")))
            .build()) {
      sender.submit(AlertEvent.trigger(routingKey).summary("Disk full on db-1")
          .source("db-1").severity(Severity.ERROR).build())
          .join();
    }
    PagerDutyAssertions.assertThat(fake).hasOpenIncident("Disk full on db-1");
  }

  @Nested
  class CheckoutAlertsTest {
    @Test
    void alertOpensAnIncident(FakePagerDuty fake, PagerDuty pd) {
      SeededService checkout = fake.seedService("Checkout");
      pd.events().trigger(AlertEvent.trigger(Secret.of(checkout.integrationKey()))
          .summary("Checkout down").source("probe").severity(Severity.CRITICAL)
          .dedupKey("checkout-down").build());

      PagerDutyAssertions.assertThat(fake).receivedEvent().withDedupKey("checkout-down");
      PagerDutyAssertions.assertThat(fake).hasOpenIncident("Checkout down");
    }
  }

  @Test
  void redis_sharesRateLimitsAndCache(FakePagerDuty fake) {
    String token = fake.apiToken();
    try (PdkitRedis redis = PdkitRedis.create(RedisTestSupport.standaloneUrl())) {
      PagerDuty pd = PagerDuty.builder().apiToken(token)
          .apiUrl(fake.baseUrl())
          .rateLimiter(redis.rateLimiter())
          .cacheProvider(redis.cacheProvider())
          .build();
      try (pd) {
        assertThat(pd.abilities().list()).isNotNull();
        assertThat(pd.rateLimiter()).isSameAs(redis.rateLimiter());
      }
    }
  }

  @Test
  void sender_shutdownDrains(FakePagerDuty fake, PagerDuty pd) {
    Secret routingKey = Secret.of(fake.seedService("Drain").integrationKey());
    EventSender sender = EventSender.builder(pd).build();
    sender.submit(AlertEvent.trigger(routingKey).summary("drain me").source("t")
        .severity(Severity.INFO).build());
    assertThat(sender.shutdown(Duration.ofSeconds(10))).isTrue();
    PagerDutyAssertions.assertThat(fake).hasOpenIncident("drain me");
  }
}
