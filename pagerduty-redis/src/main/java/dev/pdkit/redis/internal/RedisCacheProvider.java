package dev.pdkit.redis.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.pdkit.internal.json.Json;
import dev.pdkit.redis.RedisStoreException;
import dev.pdkit.spi.CacheProvider;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CacheProvider} whose entries live in Redis (shared by every instance, expiring with
 * {@code SET ... PX}) with a small per-process near-cache in front.
 *
 * <p><b>Layout.</b> Cache {@code users} with prefix {@code pdkit:} stores key {@code k} at {@code
 * pdkit:cache:{users}:k:k} and keeps a sorted set {@code pdkit:cache:{users}:index} of keys by
 * expiry time, used to enforce {@code maxEntries} (the entries closest to expiry are evicted first)
 * and to implement {@link Cache#invalidateAll()} without {@code KEYS}/{@code SCAN}. The hash tag
 * keeps one cache in one Cluster slot, so every write is one atomic script.
 *
 * <p><b>Near-cache and invalidation.</b> Every write, invalidation and eviction publishes the key on
 * the channel {@code pdkit:cache:{users}:invalidations}; every instance subscribes and drops the key
 * from its near-cache, so an invalidation on one instance reaches the others within a network round
 * trip. A value read from Redis enters the near-cache only if no invalidation for that cache
 * arrived while it was being read (a generation counter), so a late reply cannot resurrect a stale
 * value. While the pub/sub connection is down (and until it has re-subscribed) the near-cache is
 * bypassed and emptied, because invalidations could be missed. A near entry also lives at most
 * {@code nearCacheMaxAge} and never longer than the Redis entry's remaining TTL.
 *
 * <p><b>Failures.</b> A cache must not take the application down: when Redis fails, {@code
 * getIfPresent} answers {@code null} (a miss) and {@code put} is skipped, both logged at WARN.
 * {@code invalidate} and {@code invalidateAll} throw {@link RedisStoreException}, because silently
 * keeping a value the caller wants gone is worse.
 *
 * <p>Values are serialised with the SDK's JSON mapper; they should be immutable (records), since
 * the near-cache hands the same instance to every reader.
 */
public final class RedisCacheProvider implements CacheProvider {
  private static final Logger log = LoggerFactory.getLogger(RedisCacheProvider.class);

  private static final LuaScript GET =
      LuaScript.of(
          "cache get",
          """
          return {redis.call('GET', KEYS[1]), redis.call('PTTL', KEYS[1])}
          """);

  private static final LuaScript PUT =
      LuaScript.of(
          "cache put",
          """
          -- KEYS[1] data key, KEYS[2] index; ARGV: value, ttl ms, max entries, channel, key, data base
          local t = redis.call('TIME')
          local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
          local ttl = tonumber(ARGV[2])
          redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
          redis.call('ZADD', KEYS[2], string.format('%.0f', now + ttl), ARGV[5])
          redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', string.format('%.0f', now))
          redis.call('PUBLISH', ARGV[4], 'k:' .. ARGV[5])
          local n = redis.call('ZCARD', KEYS[2])
          local max = tonumber(ARGV[3])
          local evicted = 0
          if n > max then
            local victims = redis.call('ZRANGE', KEYS[2], 0, n - max - 1)
            for _, v in ipairs(victims) do
              redis.call('DEL', ARGV[6] .. v)
              redis.call('PUBLISH', ARGV[4], 'k:' .. v)
            end
            redis.call('ZREMRANGEBYRANK', KEYS[2], 0, n - max - 1)
            evicted = #victims
          end
          local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
          if last[2] then
            redis.call('PEXPIREAT', KEYS[2], string.format('%.0f', tonumber(last[2]) + 1000))
          end
          return evicted
          """);

  private static final LuaScript INVALIDATE =
      LuaScript.of(
          "cache invalidate",
          """
          -- KEYS[1] data key, KEYS[2] index; ARGV: channel, key
          redis.call('DEL', KEYS[1])
          redis.call('ZREM', KEYS[2], ARGV[2])
          redis.call('PUBLISH', ARGV[1], 'k:' .. ARGV[2])
          return 1
          """);

  private static final LuaScript INVALIDATE_ALL =
      LuaScript.of(
          "cache invalidateAll",
          """
          -- KEYS[1] index; ARGV: channel, data base
          local members = redis.call('ZRANGE', KEYS[1], 0, -1)
          for _, m in ipairs(members) do
            redis.call('DEL', ARGV[2] .. m)
          end
          redis.call('DEL', KEYS[1])
          redis.call('PUBLISH', ARGV[1], '*')
          return #members
          """);

  private final RedisConnector redis;
  private final Keys keys;
  private final Duration nearMaxAge;
  private final long nearMaxEntries;
  private final ObjectMapper mapper = Json.mapper();
  private final ConcurrentMap<String, Shared> byName = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Shared> byChannel = new ConcurrentHashMap<>();
  private final Object subscribeLock = new Object();
  private @Nullable StatefulRedisPubSubConnection<String, byte[]> pubSub;

  /**
   * @param nearMaxAge how long a value may be served from memory; {@link Duration#ZERO} disables
   *     the near-cache (every read goes to Redis)
   * @param nearMaxEntries near-cache size per cache
   */
  public RedisCacheProvider(
      RedisConnector redis, Keys keys, Duration nearMaxAge, long nearMaxEntries) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.nearMaxAge = Objects.requireNonNull(nearMaxAge, "nearCacheMaxAge");
    if (nearMaxAge.isNegative()) {
      throw new IllegalArgumentException("nearCacheMaxAge must not be negative, was " + nearMaxAge);
    }
    if (nearMaxEntries < 0) {
      throw new IllegalArgumentException(
          "nearCacheMaxEntries must not be negative, was " + nearMaxEntries);
    }
    this.nearMaxEntries = nearMaxEntries;
  }

  @Override
  public <V> Cache<V> cache(String name, Class<V> valueType, Duration ttl, long maxEntries) {
    Keys.checkName("name", name);
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, was " + ttl);
    }
    if (maxEntries <= 0) {
      throw new IllegalArgumentException("maxEntries must be positive, was " + maxEntries);
    }
    Shared shared = byName.computeIfAbsent(name, this::newShared);
    if (nearEnabled()) {
      subscribe(shared);
    }
    // one view per distinct (type, ttl, maxEntries): asking again does not add listeners
    String viewKey = valueType.getName() + "|" + ttl + "|" + maxEntries;
    View<?> view =
        shared.views.computeIfAbsent(
            viewKey, k -> new View<>(shared, valueType, ttl, maxEntries));
    @SuppressWarnings("unchecked")
    View<V> typed = (View<V>) view;
    return typed;
  }

  private boolean nearEnabled() {
    return !nearMaxAge.isZero() && nearMaxEntries > 0;
  }

  private Shared newShared(String name) {
    Shared s = new Shared(name, keys.cacheBase(name), keys.cacheChannel(name));
    byChannel.put(s.channel, s);
    return s;
  }

  private void subscribe(Shared shared) {
    synchronized (subscribeLock) {
      if (shared.subscribed) {
        return;
      }
      if (pubSub == null) {
        StatefulRedisPubSubConnection<String, byte[]> ps = redis.pubSub(new StateListener());
        ps.addListener(new Listener());
        pubSub = ps;
      }
      StatefulRedisPubSubConnection<String, byte[]> ps = pubSub;
      redis.call(
          "subscribe " + shared.channel,
          () -> {
            ps.sync().subscribe(shared.channel);
            return Boolean.TRUE;
          });
      shared.subscribed = true;
    }
  }

  /** State shared by every view of one cache name. */
  private static final class Shared {
    final String name;
    final String base;
    final String index;
    final String channel;
    final AtomicLong generation = new AtomicLong();
    final ConcurrentMap<String, View<?>> views = new ConcurrentHashMap<>();
    volatile boolean subscribed;
    /** True while the subscription is known to be live (near-cache may serve). */
    volatile boolean live;

    Shared(String name, String base, String channel) {
      this.name = name;
      this.base = base;
      this.index = base + "index";
      this.channel = channel;
    }

    void dropKey(String key) {
      generation.incrementAndGet();
      for (View<?> v : views.values()) {
        v.near.invalidate(key);
      }
    }

    void dropAll() {
      generation.incrementAndGet();
      for (View<?> v : views.values()) {
        v.near.invalidateAll();
      }
    }
  }

  private record Near(Object value, long lifetimeNanos) {}

  private final class View<V> implements Cache<V> {
    final Shared shared;
    final Class<V> type;
    final Duration ttl;
    final long maxEntries;
    final com.github.benmanes.caffeine.cache.Cache<String, Near> near;

    View(Shared shared, Class<V> type, Duration ttl, long maxEntries) {
      this.shared = shared;
      this.type = type;
      this.ttl = ttl;
      this.maxEntries = maxEntries;
      this.near =
          Caffeine.newBuilder()
              .maximumSize(Math.max(1, Math.min(maxEntries, nearMaxEntries)))
              .expireAfter(Expiry.creating((String k, Near n) -> Duration.ofNanos(n.lifetimeNanos)))
              .build();
    }

    private String dataKey(String key) {
      return shared.base + "k:" + key;
    }

    @Override
    public @Nullable V getIfPresent(String key) {
      Objects.requireNonNull(key, "key");
      boolean useNear = nearEnabled() && shared.live;
      if (useNear) {
        Near n = near.getIfPresent(key);
        if (n != null) {
          return type.cast(n.value);
        }
      }
      long generation = shared.generation.get();
      List<Object> reply;
      try {
        reply =
            redis.script(GET, ScriptOutputType.MULTI, new String[] {dataKey(key)});
      } catch (RedisStoreException e) {
        log.warn("cache {}: read failed, answering a miss: {}", shared.name, e.getMessage());
        return null;
      }
      Object raw = reply.isEmpty() ? null : reply.get(0);
      if (!(raw instanceof byte[] bytes)) {
        return null;
      }
      V value;
      try {
        value = mapper.readValue(bytes, type);
      } catch (IOException e) {
        log.warn(
            "cache {}: stored value cannot be read as {}, answering a miss: {}",
            shared.name,
            type.getName(),
            e.getClass().getSimpleName());
        return null;
      }
      long pttlMillis = reply.size() > 1 && reply.get(1) instanceof Long l ? l : -1;
      if (useNear && pttlMillis > 0 && shared.live && shared.generation.get() == generation) {
        long lifetime = Math.min(nearMaxAge.toNanos(), Duration.ofMillis(pttlMillis).toNanos());
        near.put(key, new Near(value, lifetime));
        // An invalidation that raced with the put above bumped the generation: undo.
        if (shared.generation.get() != generation) {
          near.invalidate(key);
        }
      }
      return value;
    }

    @Override
    public void put(String key, V value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      byte[] bytes = Json.write(value);
      long ttlMillis = Math.max(1, (ttl.toNanos() + 999_999) / 1_000_000);
      shared.dropKey(key);
      try {
        redis.script(
            PUT,
            ScriptOutputType.INTEGER,
            new String[] {dataKey(key), shared.index},
            bytes,
            RedisConnector.bytes(ttlMillis),
            RedisConnector.bytes(maxEntries),
            RedisConnector.bytes(shared.channel),
            RedisConnector.bytes(key),
            RedisConnector.bytes(shared.base + "k:"));
      } catch (RedisStoreException e) {
        log.warn("cache {}: write skipped: {}", shared.name, e.getMessage());
      }
    }

    @Override
    public void invalidate(String key) {
      Objects.requireNonNull(key, "key");
      shared.dropKey(key);
      redis.script(
          INVALIDATE,
          ScriptOutputType.INTEGER,
          new String[] {dataKey(key), shared.index},
          RedisConnector.bytes(shared.channel),
          RedisConnector.bytes(key));
    }

    @Override
    public void invalidateAll() {
      shared.dropAll();
      redis.script(
          INVALIDATE_ALL,
          ScriptOutputType.INTEGER,
          new String[] {shared.index},
          RedisConnector.bytes(shared.channel),
          RedisConnector.bytes(shared.base + "k:"));
    }

    @Override
    public String toString() {
      return "RedisCache[" + shared.name + ", ttl=" + ttl + ", maxEntries=" + maxEntries + "]";
    }
  }

  private final class Listener extends RedisPubSubAdapter<String, byte[]> {
    @Override
    public void message(String channel, byte[] message) {
      Shared shared = byChannel.get(channel);
      if (shared == null) {
        return;
      }
      String m = new String(message, StandardCharsets.UTF_8);
      if (m.startsWith("k:")) {
        shared.dropKey(m.substring(2));
      } else {
        shared.dropAll();
      }
    }

    @Override
    public void subscribed(String channel, long count) {
      Shared shared = byChannel.get(channel);
      if (shared != null) {
        // Anything may have changed while we were not listening.
        shared.dropAll();
        shared.live = true;
      }
    }
  }

  private final class StateListener implements RedisConnectionStateListener {
    @Override
    public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
      for (Shared s : byName.values()) {
        s.live = false;
        s.dropAll();
      }
      log.debug("cache invalidation channel disconnected; near-cache bypassed until re-subscribed");
    }

    @Override
    public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
      for (Shared s : byName.values()) {
        s.dropAll();
      }
    }
  }

  /** Closing is a no-op: the connections belong to {@code PdkitRedis}. */
  @Override
  public void close() {}
}
