package dev.pdkit.spi;

import java.time.Duration;

/**
 * Source of named caches. The SDK caches lookups that are expensive and change rarely (a user by
 * e-mail, a parsed config by content hash). The default keeps them in process (Caffeine); the Redis
 * module shares them across instances.
 *
 * <p>Implementations must be thread-safe. {@link #close()} releases what the provider created.
 */
public interface CacheProvider extends AutoCloseable {

  /**
   * Returns the cache called {@code name}, creating it on first use. Asking again with the same
   * name returns a cache over the same entries.
   *
   * @param name a short, stable name such as {@code "users-by-email"}; part of shared keys
   * @param valueType the type of the values, so that a shared cache can serialise them
   * @param ttl how long an entry lives after it was written
   * @param maxEntries an upper bound on entries (a hint for shared caches)
   */
  <V> Cache<V> cache(String name, Class<V> valueType, Duration ttl, long maxEntries);

  @Override
  default void close() {}

  /**
   * The built-in provider: in-process Caffeine caches, bounded by {@code maxEntries}, entries
   * expiring {@code ttl} after write. Each call returns a new, independent provider.
   */
  static CacheProvider caffeine() {
    return new dev.pdkit.internal.cache.CaffeineCacheProvider();
  }

  /** A cache with string keys. All methods are thread-safe. */
  interface Cache<V> {
    /** The value for {@code key}, or {@code null} if absent or expired. */
    @org.jspecify.annotations.Nullable
    V getIfPresent(String key);

    /** Stores a value. */
    void put(String key, V value);

    /** Drops one entry (everywhere, for a shared cache). */
    void invalidate(String key);

    /** Drops every entry of this cache. */
    void invalidateAll();
  }
}
