package dev.pdkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pdkit.PagerDuty;
import dev.pdkit.errors.PagerDutyException;
import dev.pdkit.spi.MetricsListener;
import dev.pdkit.spi.RateLimiter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpiLookupTest {
  @TempDir Path dir;

  /** A provider the tests register by class name. */
  public static final class FirstLimiter implements RateLimiter {
    @Override
    public Duration tryAcquire(String bucket, Limit limit) {
      return Duration.ZERO;
    }
  }

  /** A second provider, to provoke the two-providers error. */
  public static final class SecondLimiter implements RateLimiter {
    @Override
    public Duration tryAcquire(String bucket, Limit limit) {
      return Duration.ZERO;
    }
  }

  /** A closeable metrics listener, to check that the client closes what it looked up. */
  public static final class ClosingListener implements MetricsListener, AutoCloseable {
    static final AtomicBoolean CLOSED = new AtomicBoolean();

    @Override
    public void close() {
      CLOSED.set(true);
    }
  }

  /** Not constructible without arguments. */
  public static final class NeedsArgs implements RateLimiter {
    public NeedsArgs(String x) {}

    @Override
    public Duration tryAcquire(String bucket, Limit limit) {
      return Duration.ZERO;
    }
  }

  private ClassLoader loaderWith(String service, String... providers) throws Exception {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve(service), String.join("\n", providers) + "\n");
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
  }

  private static SpiLookup.Found<RateLimiter> find(RateLimiter given, ClassLoader cl,
      Map<String, String> props) {
    return SpiLookup.find(RateLimiter.class, given, "pdkit.rateLimiter", cl,
        RateLimiter::unlimited, props::get);
  }

  @Test
  void find_builderValue_winsOverEverything() throws Exception {
    RateLimiter mine = new FirstLimiter();
    ClassLoader cl = loaderWith(RateLimiter.class.getName(), SecondLimiter.class.getName());

    SpiLookup.Found<RateLimiter> f = find(mine, cl,
        Map.of("pdkit.rateLimiter", SecondLimiter.class.getName()));

    assertThat(f.value()).isSameAs(mine);
    assertThat(f.created()).isFalse();
    assertThat(f.source()).isEqualTo("builder");
  }

  @Test
  void find_systemProperty_winsOverServiceLoader() throws Exception {
    ClassLoader cl = loaderWith(RateLimiter.class.getName(), SecondLimiter.class.getName());

    SpiLookup.Found<RateLimiter> f = find(null, cl,
        Map.of("pdkit.rateLimiter", " " + FirstLimiter.class.getName() + " "));

    assertThat(f.value()).isInstanceOf(FirstLimiter.class);
    assertThat(f.created()).isTrue();
    assertThat(f.source()).isEqualTo("system property pdkit.rateLimiter");
  }

  @Test
  void find_oneServiceLoaderProvider_isUsed() throws Exception {
    ClassLoader cl = loaderWith(RateLimiter.class.getName(), SecondLimiter.class.getName());

    SpiLookup.Found<RateLimiter> f = find(null, cl, Map.of());

    assertThat(f.value()).isInstanceOf(SecondLimiter.class);
    assertThat(f.source()).isEqualTo("ServiceLoader");
  }

  @Test
  void find_twoServiceLoaderProviders_failsNamingBoth() throws Exception {
    ClassLoader cl = loaderWith(RateLimiter.class.getName(), FirstLimiter.class.getName(),
        SecondLimiter.class.getName());

    assertThatThrownBy(() -> find(null, cl, Map.of()))
        .isInstanceOf(PagerDutyException.class)
        .hasMessageContaining("found 2 RateLimiter providers")
        .hasMessageContaining(FirstLimiter.class.getName())
        .hasMessageContaining(SecondLimiter.class.getName())
        .hasMessageContaining("pdkit.rateLimiter");
  }

  @Test
  void find_brokenServiceLoaderEntry_failsClearly() throws Exception {
    ClassLoader cl = loaderWith(RateLimiter.class.getName(), "no.such.Provider");

    assertThatThrownBy(() -> find(null, cl, Map.of()))
        .isInstanceOf(PagerDutyException.class).hasMessageContaining("could not be loaded");
  }

  @Test
  void find_nothing_usesDefault() {
    SpiLookup.Found<RateLimiter> f = find(null, null, Map.of());
    assertThat(f.source()).isEqualTo("default");
    assertThat(f.created()).isTrue();
  }

  @Test
  void find_badPropertyValues_failWithTheReason() {
    assertThatThrownBy(() -> find(null, null, Map.of("pdkit.rateLimiter", "java.lang.String")))
        .isInstanceOf(PagerDutyException.class).hasMessageContaining("does not implement");
    assertThatThrownBy(() -> find(null, null,
        Map.of("pdkit.rateLimiter", NeedsArgs.class.getName())))
        .isInstanceOf(PagerDutyException.class).hasMessageContaining("no-argument constructor");
    assertThatThrownBy(() -> find(null, null, Map.of("pdkit.rateLimiter", "x.Missing")))
        .isInstanceOf(PagerDutyException.class).hasMessageContaining("not on the class path");
  }

  @Test
  void client_closesWhatItLookedUpThroughTheSystemProperty() {
    ClosingListener.CLOSED.set(false);
    System.setProperty(PagerDuty.METRICS_LISTENER_PROPERTY, ClosingListener.class.getName());
    try {
      PagerDuty pd = PagerDuty.builder().build();
      assertThat(pd.metricsListener()).isInstanceOf(ClosingListener.class);
      pd.close();
      assertThat(ClosingListener.CLOSED).isTrue();
    } finally {
      System.clearProperty(PagerDuty.METRICS_LISTENER_PROPERTY);
    }
  }
}
