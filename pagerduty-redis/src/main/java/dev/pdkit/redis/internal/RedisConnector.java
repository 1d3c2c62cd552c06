package dev.pdkit.redis.internal;

import dev.pdkit.redis.RedisStoreException;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the Lettuce client and the one multiplexed connection every provider shares (Lettuce
 * connections are thread-safe; commands from many threads are pipelined on one socket), plus a
 * lazily opened pub/sub connection. Translates Lettuce exceptions into {@link RedisStoreException}
 * with a message that names the operation and the servers but never a password.
 *
 * <p>Lettuce reconnects on its own after a server restart; commands issued while disconnected are
 * queued and fail with a timeout if the server does not come back within the command timeout.
 */
public final class RedisConnector implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RedisConnector.class);

  /** String keys, binary values: payloads and serialised cache values go through untouched. */
  public static final RedisCodec<String, byte[]> CODEC =
      RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  private final AbstractRedisClient client;
  private final @Nullable ClientResources ownedResources;
  private final StatefulConnection<String, byte[]> connection;
  private final RedisClusterCommands<String, byte[]> commands;
  private final boolean cluster;
  private final String servers;
  private final Object pubSubLock = new Object();
  private @Nullable StatefulRedisPubSubConnection<String, byte[]> pubSub;
  private volatile boolean closed;

  private RedisConnector(
      AbstractRedisClient client,
      @Nullable ClientResources ownedResources,
      StatefulConnection<String, byte[]> connection,
      RedisClusterCommands<String, byte[]> commands,
      boolean cluster,
      String servers) {
    this.client = client;
    this.ownedResources = ownedResources;
    this.connection = connection;
    this.commands = commands;
    this.cluster = cluster;
    this.servers = servers;
  }

  /**
   * Connects.
   *
   * @param uris one URI for standalone, one or more seed nodes for a cluster
   * @param cluster null to detect ({@code INFO cluster} on the first URI)
   * @param resources shared resources owned by the caller, or null to create (and later close) own
   */
  public static RedisConnector connect(
      List<RedisURI> uris,
      @Nullable Boolean cluster,
      @Nullable ClientResources resources,
      Duration commandTimeout) {
    Objects.requireNonNull(uris, "uris");
    if (uris.isEmpty()) {
      throw new IllegalArgumentException("at least one Redis URI is required");
    }
    String servers =
        uris.stream().map(u -> u.getHost() + ":" + u.getPort()).collect(Collectors.joining(","));
    // Own resources reconnect fast (10 ms doubling up to 2 s instead of Lettuce's 30 s cap): an
    // alerting library wants its shared state back as soon as Redis is.
    ClientResources owned =
        resources == null
            ? DefaultClientResources.builder()
                .reconnectDelay(
                    Delay.exponential(
                        Duration.ofMillis(10),
                        Duration.ofSeconds(2),
                        2,
                        java.util.concurrent.TimeUnit.MILLISECONDS))
                .build()
            : null;
    ClientResources res = resources != null ? resources : owned;
    for (RedisURI uri : uris) {
      uri.setTimeout(commandTimeout);
    }
    try {
      boolean isCluster = cluster != null ? cluster : detectCluster(res, uris.get(0), commandTimeout);
      if (isCluster) {
        RedisClusterClient c = RedisClusterClient.create(res, uris);
        c.setOptions(
            ClusterClientOptions.builder()
                .autoReconnect(true)
                .socketOptions(socketOptions(commandTimeout))
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .topologyRefreshOptions(
                    ClusterTopologyRefreshOptions.builder()
                        .enableAllAdaptiveRefreshTriggers()
                        .enablePeriodicRefresh(Duration.ofSeconds(30))
                        .build())
                .build());
        try {
          StatefulRedisClusterConnection<String, byte[]> conn = c.connect(CODEC);
          return new RedisConnector(c, owned, conn, conn.sync(), true, servers);
        } catch (RuntimeException e) {
          c.shutdown(Duration.ZERO, Duration.ofSeconds(2));
          throw e;
        }
      }
      RedisClient c = RedisClient.create(res, uris.get(0));
      c.setOptions(
          ClientOptions.builder()
              .autoReconnect(true)
              .socketOptions(socketOptions(commandTimeout))
              .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
              .build());
      try {
        StatefulRedisConnection<String, byte[]> conn = c.connect(CODEC);
        return new RedisConnector(c, owned, conn, conn.sync(), false, servers);
      } catch (RuntimeException e) {
        c.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        throw e;
      }
    } catch (RedisException e) {
      if (owned != null) {
        owned.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS);
      }
      throw new RedisStoreException(
          "cannot connect to Redis at "
              + servers
              + ": "
              + rootMessage(e)
              + "; check that Redis runs there and that REDIS_URL (or the URL you passed) is right",
          e);
    }
  }

  private static SocketOptions socketOptions(Duration commandTimeout) {
    return SocketOptions.builder().connectTimeout(commandTimeout).keepAlive(true).build();
  }

  private static boolean detectCluster(ClientResources res, RedisURI uri, Duration timeout) {
    RedisClient probe = RedisClient.create(res, uri);
    probe.setOptions(
        ClientOptions.builder()
            .autoReconnect(false)
            .socketOptions(socketOptions(timeout))
            .timeoutOptions(TimeoutOptions.enabled(timeout))
            .build());
    try (StatefulRedisConnection<String, String> c = probe.connect()) {
      String info = c.sync().info("cluster");
      return info != null && info.contains("cluster_enabled:1");
    } finally {
      probe.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  /** The commands of the shared connection (standalone or cluster: the common interface). */
  public RedisClusterCommands<String, byte[]> commands() {
    return commands;
  }

  public boolean isCluster() {
    return cluster;
  }

  /** {@code host:port} of the configured servers, safe to log. */
  public String servers() {
    return servers;
  }

  /** Runs a command, translating failures into {@link RedisStoreException}. */
  public <T> T call(String operation, Supplier<T> command) {
    try {
      return command.get();
    } catch (RedisException e) {
      throw failure(operation, e);
    }
  }

  /** Runs a script by SHA, loading it with {@code EVAL} when the server does not know it. */
  @SuppressWarnings("unchecked")
  public <T> T script(LuaScript script, ScriptOutputType type, String[] keys, byte[]... args) {
    return call(
        script.name(),
        () -> {
          try {
            return (T) commands.evalsha(script.sha1(), type, keys, args);
          } catch (RedisNoScriptException e) {
            log.debug("script {} not cached on the server; sending it with EVAL", script.name());
            return (T) commands.eval(script.source(), type, keys, args);
          }
        });
  }

  /**
   * The pub/sub connection, opened on first use. Listeners are added by the caller; Lettuce
   * re-subscribes its channels after a reconnect.
   */
  public StatefulRedisPubSubConnection<String, byte[]> pubSub(
      RedisConnectionStateListener stateListener) {
    synchronized (pubSubLock) {
      if (closed) {
        throw new IllegalStateException("this PdkitRedis is closed");
      }
      if (pubSub == null) {
        StatefulRedisPubSubConnection<String, byte[]> ps =
            call(
                "connect pub/sub",
                () ->
                    client instanceof RedisClusterClient cc
                        ? cc.connectPubSub(CODEC)
                        : ((RedisClient) client).connectPubSub(CODEC));
        ps.addListener(stateListener);
        pubSub = ps;
      }
      return pubSub;
    }
  }

  RedisStoreException failure(String operation, RedisException e) {
    String hint;
    if (e instanceof RedisCommandTimeoutException) {
      hint = "Redis did not answer in time; check that it is up and not overloaded";
    } else if (e instanceof RedisConnectionException) {
      hint = "cannot reach Redis; check that it is up and reachable";
    } else if (e instanceof RedisCommandExecutionException) {
      hint = "Redis rejected the command";
    } else {
      hint = "Redis client error";
    }
    return new RedisStoreException(
        operation + " failed on Redis " + servers + ": " + hint + " (" + rootMessage(e) + ")", e);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m;
  }

  /** Bytes of a string, for script arguments. */
  public static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] bytes(long n) {
    return bytes(Long.toString(n));
  }

  /** A string from a reply element (bulk string bytes or a number). */
  public static @Nullable String string(@Nullable Object reply) {
    if (reply == null) {
      return null;
    }
    if (reply instanceof byte[] b) {
      return new String(b, StandardCharsets.UTF_8);
    }
    return reply.toString();
  }

  /** Closes what this connector created; shared resources passed in stay open. Idempotent. */
  @Override
  public void close() {
    synchronized (pubSubLock) {
      if (closed) {
        return;
      }
      closed = true;
      if (pubSub != null) {
        pubSub.close();
      }
    }
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    if (ownedResources != null) {
      ownedResources.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS);
    }
  }
}
