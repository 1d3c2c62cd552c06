package dev.pdkit.internal.cache;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.pdkit.spi.CacheProvider;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * The built-in {@link CacheProvider}: one Caffeine cache per name, bounded by {@code maxEntries}
 * and expiring entries {@code ttl} after write. Thread-safe. {@link #close()} drops every entry.
 */
public final class CaffeineCacheProvider implements CacheProvider {
  private final ConcurrentMap<String, NamedCache<?>> caches = new ConcurrentHashMap<>();
  private final com.github.benmanes.caffeine.cache.Ticker ticker;

  public CaffeineCacheProvider() {
    this(com.github.benmanes.caffeine.cache.Ticker.systemTicker());
  }

  /** With a custom time source, for tests. */
  public CaffeineCacheProvider(com.github.benmanes.caffeine.cache.Ticker ticker) {
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V> Cache<V> cache(String name, Class<V> valueType, Duration ttl, long maxEntries) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, was " + ttl);
    }
    if (maxEntries <= 0) {
      throw new IllegalArgumentException("maxEntries must be positive, was " + maxEntries);
    }
    NamedCache<?> c = caches.computeIfAbsent(name, n -> new NamedCache<>(valueType,
        Caffeine.newBuilder().ticker(ticker).expireAfterWrite(ttl).maximumSize(maxEntries)
            .<String, Object>build()));
    if (!c.valueType.equals(valueType)) {
      throw new IllegalArgumentException("cache '" + name + "' already holds "
          + c.valueType.getName() + ", not " + valueType.getName());
    }
    return (Cache<V>) c;
  }

  @Override
  public void close() {
    caches.values().forEach(NamedCache::invalidateAll);
    caches.clear();
  }

  private static final class NamedCache<V> implements Cache<V> {
    private final Class<V> valueType;
    private final com.github.benmanes.caffeine.cache.Cache<String, Object> delegate;

    NamedCache(Class<V> valueType, com.github.benmanes.caffeine.cache.Cache<String, Object> d) {
      this.valueType = valueType;
      this.delegate = d;
    }

    @Override
    public @Nullable V getIfPresent(String key) {
      Object v = delegate.getIfPresent(Objects.requireNonNull(key, "key"));
      return v == null ? null : valueType.cast(v);
    }

    @Override
    public void put(String key, V value) {
      delegate.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    }

    @Override
    public void invalidate(String key) {
      delegate.invalidate(Objects.requireNonNull(key, "key"));
    }

    @Override
    public void invalidateAll() {
      delegate.invalidateAll();
    }
  }
}
