package dev.pdkit.redis.internal;

import dev.pdkit.spi.DeployLock;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lease lock on one Redis key ({@code pdkit:lock:{name}}): taken with {@code SET NX PX}, holding
 * the owner name and a random token; renewed and released by scripts that compare the token first,
 * so a holder whose lease expired (and was taken by someone else) can neither extend nor delete the
 * new holder's lock.
 *
 * <p>Single-instance semantics: on a replicated or clustered Redis the lock is as safe as a write to
 * the primary that holds its slot; a failover that loses the last write can let two owners in. The
 * deploy flow keeps its own plan checks, so the lock prevents accidental concurrent deploys, not a
 * Byzantine one.
 */
public final class RedisDeployLock implements DeployLock {
  private static final Logger log = LoggerFactory.getLogger(RedisDeployLock.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final LuaScript RENEW =
      LuaScript.of(
          "lock renew",
          """
          if redis.call('GET', KEYS[1]) == ARGV[1] then
            return redis.call('PEXPIRE', KEYS[1], ARGV[2])
          end
          return 0
          """);

  private static final LuaScript RELEASE =
      LuaScript.of(
          "lock release",
          """
          if redis.call('GET', KEYS[1]) == ARGV[1] then
            return redis.call('DEL', KEYS[1])
          end
          return 0
          """);

  private final RedisConnector redis;
  private final Keys keys;

  public RedisDeployLock(RedisConnector redis, Keys keys) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  @Override
  public Optional<Lease> tryAcquire(String name, String owner, Duration ttl) {
    Keys.checkName("name", name);
    Objects.requireNonNull(owner, "owner");
    long ttlMillis = ttlMillis(ttl);
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    String token = owner + "/" + HexFormat.of().formatHex(random);
    String key = keys.lock(name);
    String ok =
        redis.call(
            "lock " + name,
            () ->
                redis
                    .commands()
                    .set(key, RedisConnector.bytes(token), SetArgs.Builder.nx().px(ttlMillis)));
    if (!"OK".equals(ok)) {
      return Optional.empty();
    }
    return Optional.of(new RedisLease(name, owner, key, token));
  }

  /**
   * The owner currently holding {@code name}, if any (for messages such as "deploy locked by
   * ci-runner-7").
   */
  public Optional<String> holder(String name) {
    Keys.checkName("name", name);
    byte[] v = redis.call("lock holder " + name, () -> redis.commands().get(keys.lock(name)));
    if (v == null) {
      return Optional.empty();
    }
    String token = RedisConnector.string(v);
    int slash = token.lastIndexOf('/');
    return Optional.of(slash < 0 ? token : token.substring(0, slash));
  }

  private static long ttlMillis(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, was " + ttl);
    }
    return Math.max(1, (ttl.toNanos() + 999_999) / 1_000_000);
  }

  private final class RedisLease implements Lease {
    private final String name;
    private final String owner;
    private final String key;
    private final String token;
    private final AtomicBoolean closed = new AtomicBoolean();

    RedisLease(String name, String owner, String key, String token) {
      this.name = name;
      this.owner = owner;
      this.key = key;
      this.token = token;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String owner() {
      return owner;
    }

    @Override
    public boolean renew(Duration ttl) {
      long ms = ttlMillis(ttl);
      if (closed.get()) {
        return false;
      }
      Long r =
          redis.script(
              RENEW,
              ScriptOutputType.INTEGER,
              new String[] {key},
              RedisConnector.bytes(token),
              RedisConnector.bytes(ms));
      return r != null && r == 1L;
    }

    @Override
    public void close() {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      Long r =
          redis.script(
              RELEASE, ScriptOutputType.INTEGER, new String[] {key}, RedisConnector.bytes(token));
      if (r == null || r == 0L) {
        log.warn("lock {} of {} had already expired when released", name, owner);
      }
    }

    @Override
    public String toString() {
      return "Lease[" + name + " held by " + owner + "]";
    }
  }
}
