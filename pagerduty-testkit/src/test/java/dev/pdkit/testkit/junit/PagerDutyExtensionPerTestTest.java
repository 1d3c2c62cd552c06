package dev.pdkit.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pdkit.PagerDuty;
import dev.pdkit.testkit.FakePagerDuty;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PagerDutyExtensionPerTestTest {
  static final List<Integer> ports = new ArrayList<>();

  @RegisterExtension
  PagerDutyExtension pagerDuty = PagerDutyExtension.builder().seed(7).build();

  @RepeatedTest(3)
  void instanceField_freshFakePerTest(FakePagerDuty fake, PagerDuty pd) {
    ports.add(fake.port());
    assertThat(fake).isSameAs(pagerDuty.fake());
    // no tokens configured: the fake accepts any token and the client uses the placeholder
    assertThat(fake.apiToken()).isEqualTo("pdkit-fake-token");
    fake.seedService("svc-" + ports.size());
    assertThat(pd.services().list().toList()).hasSize(1);
  }

  @Test
  void fakeAccessor_outsideProgrammaticMode_explains() {
    assertThatThrownBy(() -> new PagerDutyExtension().fake())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("@PagerDutyTest");
    assertThatThrownBy(() -> PagerDutyExtension.builder().build().client())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no fake is running");
  }

  @AfterAll
  static void eachTestHadItsOwnFakeAndItWasStopped() {
    assertThat(ports).hasSize(3).doesNotHaveDuplicates();
    for (int port : ports) {
      assertThat(connects(port)).as("port %d closed after its test", port).isFalse();
    }
  }

  private static boolean connects(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
