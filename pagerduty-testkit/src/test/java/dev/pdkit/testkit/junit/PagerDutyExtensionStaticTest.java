package dev.pdkit.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pdkit.PagerDuty;
import dev.pdkit.RetryPolicy;
import dev.pdkit.errors.PagerDutyException;
import dev.pdkit.testkit.FakePagerDuty;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PagerDutyExtensionStaticTest {
  @RegisterExtension
  static PagerDutyExtension pagerDuty = PagerDutyExtension.builder()
      .token("full")
      .readOnlyToken("ro")
      .user("admin@example.com")
      .client(b -> b.retryPolicy(RetryPolicy.none()))
      .build();

  static final Set<Integer> ports = new HashSet<>();
  String serviceId;

  @BeforeEach
  void seed() {
    // runs after the extension's reset: seeded data is visible to the test
    serviceId = pagerDuty.fake().seedService("checkout").serviceId();
  }

  @RepeatedTest(3)
  void staticField_oneFakePerClassResetBeforeEachTest(FakePagerDuty fake, PagerDuty pd) {
    ports.add(fake.port());
    assertThat(fake).isSameAs(pagerDuty.fake());
    assertThat(pd).isSameAs(pagerDuty.client());
    assertThat(pd.services().list().toList()).singleElement()
        .satisfies(s -> assertThat(s.id()).isEqualTo(serviceId));
  }

  @Test
  void clientCustomizer_appliedAfterDefaults() {
    assertThat(pagerDuty.client().retryPolicy()).isEqualTo(RetryPolicy.none());
  }

  @Test
  void readOnlyToken_refusedOnWritesThroughRawClient(FakePagerDuty fake) {
    try (PagerDuty ro = PagerDuty.builder().apiToken("ro").apiUrl(fake.baseUrl()).from("admin@example.com")
        .retryPolicy(RetryPolicy.none()).build()) {
      assertThat(ro.services().list().toList()).hasSize(1);
      assertThatThrownBy(() -> ro.services().delete(serviceId)).isInstanceOf(PagerDutyException.class)
          .hasMessageContaining("403");
    }
  }

  @AfterAll
  static void oneFakeServedAllRepetitions() {
    assertThat(ports).hasSize(1);
  }
}
