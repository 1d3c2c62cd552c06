package dev.pdkit.redis;

import dev.pdkit.redis.internal.Keys;
import dev.pdkit.redis.internal.RedisCacheProvider;
import dev.pdkit.redis.internal.RedisConnector;
import dev.pdkit.redis.internal.RedisDeployLock;
import dev.pdkit.redis.internal.RedisOutboxStore;
import dev.pdkit.redis.internal.RedisRateLimiter;
import dev.pdkit.spi.CacheProvider;
import dev.pdkit.spi.DeployLock;
import dev.pdkit.spi.MetricsListener;
import dev.pdkit.spi.OutboxStore;
import dev.pdkit.spi.RateLimiter;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Entry point of the Redis module: one connection to Redis (standalone or Cluster) and the four
 * shared SPI implementations built on it.
 *
 * <pre>{@code
 * try (PdkitRedis redis = PdkitRedis.fromEnv()) {          // REDIS_URL=redis://cache:6379
 *   PagerDuty pd = PagerDuty.builder()
 *       .apiToken(token)
 *       .rateLimiter(redis.rateLimiter())                   // 960/min shared by every instance
 *       .cacheProvider(redis.cacheProvider())
 *       .build();
 *   OutboxStore outbox = redis.outboxStore("events");       // durable, shared queue of events
 *   DeployLock lock = redis.deployLock();
 * }
 * }</pre>
 *
 * <p><b>What is shared.</b> Instances that use the same Redis and the same {@linkplain
 * Builder#keyPrefix key prefix} (default {@code pdkit:}) share rate limit buckets, caches, outboxes
 * and locks. Use another prefix to separate environments on one Redis.
 *
 * <p><b>Cluster.</b> With {@link Topology#AUTO} (the default) the first server is asked whether it
 * is a Cluster node. On a Cluster every bucket, cache, outbox and lock keeps its keys in one slot
 * (a hash tag such as {@code {events}}), so each operation is one atomic script on one node;
 * different buckets and outboxes spread over the nodes.
 *
 * <p><b>Connections and failures.</b> All providers share one multiplexed, thread-safe Lettuce
 * connection (plus one pub/sub connection once a cache is used). After a Redis restart or a network
 * break Lettuce reconnects by itself (retrying after 10 ms, doubling up to every 2 s, when this
 * object owns the client resources); a command issued meanwhile waits up to the {@linkplain
 * Builder#commandTimeout command timeout} (default 5 s) and then fails with {@link
 * RedisStoreException}.
 *
 * <p><b>Why no {@code ServiceLoader} registration.</b> These providers need a Redis address and
 * options that only the application knows, and an implicit connection to whatever Redis an
 * environment variable points at would surprise. Hand them to the SDK builder explicitly.
 *
 * <p>Thread-safe. {@link #close()} is idempotent and closes only what this object created: a
 * {@link ClientResources} passed to {@link Builder#clientResources} stays open.
 */
public final class PdkitRedis implements AutoCloseable {
  /** The environment variable {@link #fromEnv()} reads. */
  public static final String REDIS_URL = "REDIS_URL";

  private final RedisConnector connector;
  private final Keys keys;
  private final RedisCacheProvider cacheProvider;
  private final RedisRateLimiter rateLimiter;
  private final RedisDeployLock deployLock;
  private final MetricsListener metrics;
  private final Clock clock;
  private final Map<String, RedisOutboxStore> outboxes = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private PdkitRedis(Builder b, RedisConnector connector) {
    this.connector = connector;
    this.keys = new Keys(b.keyPrefix);
    this.metrics = b.metrics;
    this.clock = b.clock;
    this.cacheProvider =
        new RedisCacheProvider(connector, keys, b.nearCacheMaxAge, b.nearCacheMaxEntries);
    this.rateLimiter = new RedisRateLimiter(connector, keys);
    this.deployLock = new RedisDeployLock(connector, keys);
  }

  /**
   * Connects to the Redis at {@code url} ({@code redis://[user:password@]host:port[/db]}, {@code
   * rediss://} for TLS; several comma-separated URLs are seed nodes of a Cluster).
   *
   * @throws IllegalArgumentException if the URL is malformed
   * @throws RedisStoreException if Redis cannot be reached
   */
  public static PdkitRedis create(String url) {
    return builder().url(url).build();
  }

  /** Connects to the Redis at {@code uri}; see {@link #create(String)}. */
  public static PdkitRedis create(RedisURI uri) {
    return builder().uri(uri).build();
  }

  /**
   * Connects to the Redis named by the environment variable {@code REDIS_URL}.
   *
   * @throws IllegalStateException if {@code REDIS_URL} is not set
   */
  public static PdkitRedis fromEnv() {
    return fromEnv(System.getenv());
  }

  static PdkitRedis fromEnv(Map<String, String> env) {
    String url = env.get(REDIS_URL);
    if (url == null || url.isBlank()) {
      throw new IllegalStateException(
          "REDIS_URL is not set; set it to the Redis to share state on, e.g."
              + " REDIS_URL=redis://localhost:6379 (several comma-separated URLs for a Cluster)");
    }
    return builder().url(url).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The shared cache. Values are stored as JSON with the SDK's mapper; a small near-cache in each
   * process is invalidated through Redis pub/sub when any instance writes or invalidates.
   */
  public CacheProvider cacheProvider() {
    return cacheProvider;
  }

  /** The distributed token bucket; see {@link RateLimiter}. */
  public RateLimiter rateLimiter() {
    return rateLimiter;
  }

  /** The lease lock for deploys. */
  public DeployLock deployLock() {
    return deployLock;
  }

  /**
   * The outbox called {@code name} on Redis Streams. Every instance that asks for the same name
   * shares one queue: any of them may claim and deliver an entry, and entries of a crashed instance
   * are claimed by another after the claim timeout. The same object is returned for the same name.
   *
   * @param name short stable name, e.g. {@code "events"}; no braces
   */
  public OutboxStore outboxStore(String name) {
    Keys.checkName("name", name);
    ensureOpen();
    return outboxes.computeIfAbsent(
        name, n -> new RedisOutboxStore(connector, keys, n, metrics, clock));
  }

  /** Whether the connected Redis is a Cluster. */
  public boolean isCluster() {
    return connector.isCluster();
  }

  /** The prefix of every key this object writes. */
  public String keyPrefix() {
    return keys.prefix();
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("this PdkitRedis is closed");
    }
  }

  /** Closes the connections (and client resources) this object created. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      connector.close();
    }
  }

  @Override
  public String toString() {
    return "PdkitRedis["
        + (connector.isCluster() ? "cluster " : "")
        + connector.servers()
        + ", prefix="
        + keys.prefix()
        + "]";
  }

  /** Options of a {@link PdkitRedis}. Not thread-safe; {@link #build()} connects. */
  public static final class Builder {
    private final List<RedisURI> uris = new ArrayList<>();
    private Topology topology = Topology.AUTO;
    private String keyPrefix = "pdkit:";
    private @Nullable ClientResources clientResources;
    private Duration commandTimeout = Duration.ofSeconds(5);
    private MetricsListener metrics = MetricsListener.noop();
    private Duration nearCacheMaxAge = Duration.ofSeconds(30);
    private long nearCacheMaxEntries = 10_000;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * The Redis URL; several comma-separated URLs are Cluster seed nodes. Replaces earlier URLs.
     *
     * @throws IllegalArgumentException if a URL is malformed (the message does not repeat it, since
     *     it may hold a password)
     */
    public Builder url(String url) {
      Objects.requireNonNull(url, "url");
      uris.clear();
      int i = 0;
      for (String part : url.split(",")) {
        i++;
        String p = part.trim();
        if (p.isEmpty()) {
          continue;
        }
        try {
          uris.add(RedisURI.create(p));
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(
              "Redis URL #"
                  + i
                  + " is not valid (expected redis://[user:password@]host:port[/db] or"
                  + " rediss://...): "
                  + e.getClass().getSimpleName(),
              null);
        }
      }
      if (uris.isEmpty()) {
        throw new IllegalArgumentException("Redis URL is empty");
      }
      return this;
    }

    /** One Redis URI. Replaces earlier URLs. */
    public Builder uri(RedisURI uri) {
      Objects.requireNonNull(uri, "uri");
      uris.clear();
      uris.add(uri);
      return this;
    }

    /** Cluster seed nodes (or one standalone server). Replaces earlier URLs. */
    public Builder uris(List<RedisURI> seeds) {
      Objects.requireNonNull(seeds, "seeds");
      uris.clear();
      for (RedisURI u : seeds) {
        uris.add(Objects.requireNonNull(u, "seeds element"));
      }
      return this;
    }

    /** Standalone, Cluster, or detect (default {@link Topology#AUTO}). */
    public Builder topology(Topology topology) {
      this.topology = Objects.requireNonNull(topology, "topology");
      return this;
    }

    /** Prefix of every key (default {@code pdkit:}); must not contain braces. */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = Keys.checkPrefix(keyPrefix);
      return this;
    }

    /**
     * Lettuce resources (event loops, timers) to share with other clients of the application. They
     * stay open when this {@link PdkitRedis} closes. Default: own resources, closed with it.
     */
    public Builder clientResources(ClientResources resources) {
      this.clientResources = Objects.requireNonNull(resources, "resources");
      return this;
    }

    /** How long a command may take, including waiting for a reconnect (default 5 s). */
    public Builder commandTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("commandTimeout must be positive, was " + timeout);
      }
      this.commandTimeout = timeout;
      return this;
    }

    /**
     * Receives the outbox queue depth and the age of its oldest entry, measured by every {@code
     * claim} at no extra round trip (default: none). Rate limit waits and delivery outcomes are
     * reported by their callers (HTTP transport, event sender), not here, so a listener shared with
     * the SDK counts nothing twice; queue depth is a gauge, so reporting it from both is harmless.
     */
    public Builder metrics(MetricsListener metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    /**
     * How long a cache value may be served from process memory (default 30 s; {@link
     * Duration#ZERO} turns the near-cache off). Invalidations from other instances drop it sooner.
     */
    public Builder nearCacheMaxAge(Duration maxAge) {
      Objects.requireNonNull(maxAge, "maxAge");
      if (maxAge.isNegative()) {
        throw new IllegalArgumentException("nearCacheMaxAge must not be negative, was " + maxAge);
      }
      this.nearCacheMaxAge = maxAge;
      return this;
    }

    /** Near-cache entries per cache (default 10,000; 0 turns the near-cache off). */
    public Builder nearCacheMaxEntries(long maxEntries) {
      if (maxEntries < 0) {
        throw new IllegalArgumentException(
            "nearCacheMaxEntries must not be negative, was " + maxEntries);
      }
      this.nearCacheMaxEntries = maxEntries;
      return this;
    }

    /** Clock used to compute the age of the oldest outbox entry for metrics (default UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Connects.
     *
     * @throws IllegalStateException if no URL was given
     * @throws RedisStoreException if Redis cannot be reached
     */
    public PdkitRedis build() {
      if (uris.isEmpty()) {
        throw new IllegalStateException(
            "missing required: url (or uri/uris), e.g. builder().url(\"redis://localhost:6379\")");
      }
      Boolean cluster =
          switch (topology) {
            case AUTO -> null;
            case STANDALONE -> Boolean.FALSE;
            case CLUSTER -> Boolean.TRUE;
          };
      List<RedisURI> copy = new ArrayList<>();
      for (RedisURI u : uris) {
        RedisURI c = RedisURI.builder(u).build();
        copy.add(c);
      }
      RedisConnector connector =
          RedisConnector.connect(copy, cluster, clientResources, commandTimeout);
      return new PdkitRedis(this, connector);
    }
  }
}
