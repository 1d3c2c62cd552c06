package dev.pdkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pdkit.PagerDuty;
import dev.pdkit.Secret;
import dev.pdkit.events.AlertEvent;
import dev.pdkit.events.EventResult;
import dev.pdkit.events.Severity;
import dev.pdkit.model.Incident;
import dev.pdkit.model.IncidentStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pdkit SDK itself, pointed at the fake with {@code apiUrl(baseUrl())} and {@code eventsUrl(eventsUrl())}. */
class SdkAgainstFakeTest {

  @Test
  void sdk_triggerAcknowledgeResolve_throughEventsAndRest() {
    try (FakePagerDuty fake = FakePagerDuty.builder().token("sdk-token").user("ops@example.com").start();
        PagerDuty pd = PagerDuty.builder().apiUrl(fake.baseUrl()).eventsUrl(fake.eventsUrl())
            .apiToken(fake.apiToken()).from(fake.adminEmail()).build()) {
      SeededService svc = fake.seedService("checkout");
      Secret key = Secret.of(svc.integrationKey());
      EventResult r = pd.events().trigger(AlertEvent.trigger(key).summary("Checkout 5xx above 5%").source("lb-1")
          .severity(Severity.CRITICAL).dedupKey("checkout-5xx").build());
      assertThat(r.dedupKey()).isEqualTo("checkout-5xx");
      List<Incident> open = pd.incidents().list().toList();
      assertThat(open).hasSize(1);
      Incident inc = open.get(0);
      assertThat(inc.status()).isEqualTo(IncidentStatus.TRIGGERED);
      assertThat(pd.incidents().acknowledge(inc.id()).status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
      pd.events().resolve(key, "checkout-5xx");
      assertThat(pd.incidents().get(inc.id()).status()).isEqualTo(IncidentStatus.RESOLVED);
      assertThat(pd.services().get(svc.serviceId()).id()).isEqualTo(svc.serviceId());
      assertThat(fake.requests()).extracting(RecordedRequest::path).contains("/v2/enqueue", "/incidents");

    }
  }
}
