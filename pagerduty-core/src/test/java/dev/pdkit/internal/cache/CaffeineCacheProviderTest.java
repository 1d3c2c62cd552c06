package dev.pdkit.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pdkit.spi.CacheProvider;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CaffeineCacheProviderTest {
  private final AtomicLong nanos = new AtomicLong();
  private final CaffeineCacheProvider provider = new CaffeineCacheProvider(nanos::get);

  @Test
  void cache_putGetInvalidate_andSameNameSharesEntries() {
    CacheProvider.Cache<String> c = provider.cache("users-by-email", String.class,
        Duration.ofMinutes(5), 100);
    c.put("a@example.com", "PUSER1");
    assertThat(c.getIfPresent("a@example.com")).isEqualTo("PUSER1");
    assertThat(provider.cache("users-by-email", String.class, Duration.ofMinutes(5), 100)
        .getIfPresent("a@example.com")).isEqualTo("PUSER1");
    c.invalidate("a@example.com");
    assertThat(c.getIfPresent("a@example.com")).isNull();
    c.put("b", "2");
    c.invalidateAll();
    assertThat(c.getIfPresent("b")).isNull();
  }

  @Test
  void cache_entriesExpireAfterTtl() {
    CacheProvider.Cache<String> c = provider.cache("c", String.class, Duration.ofSeconds(10), 10);
    c.put("k", "v");
    nanos.addAndGet(Duration.ofSeconds(9).toNanos());
    assertThat(c.getIfPresent("k")).isEqualTo("v");
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(c.getIfPresent("k")).isNull();
  }

  @Test
  void cache_invalidArguments_areRejected() {
    assertThatThrownBy(() -> provider.cache("c", String.class, Duration.ZERO, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> provider.cache("c", String.class, Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
    provider.cache("typed", String.class, Duration.ofSeconds(1), 1);
    assertThatThrownBy(() -> provider.cache("typed", Integer.class, Duration.ofSeconds(1), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("typed");
  }

  @Test
  void close_dropsEverything() {
    CacheProvider.Cache<String> c = provider.cache("c", String.class, Duration.ofMinutes(1), 10);
    c.put("k", "v");
    provider.close();
    assertThat(c.getIfPresent("k")).isNull();
    assertThat(CacheProvider.caffeine()).isInstanceOf(CaffeineCacheProvider.class);
    assertThat(new CaffeineCacheProvider().cache("x", String.class, Duration.ofSeconds(1), 1))
        .isNotNull();
  }
}
