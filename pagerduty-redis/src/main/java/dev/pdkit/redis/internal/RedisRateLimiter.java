package dev.pdkit.redis.internal;

import dev.pdkit.spi.RateLimiter;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.Objects;

/**
 * A token bucket shared by every instance that uses the same Redis and key prefix.
 *
 * <p>Each bucket is one hash ({@code pdkit:ratelimit:{bucket}}) updated by one Lua script, so
 * concurrent instances cannot both take the last token. The script reads the time from Redis
 * ({@code TIME}), so instances with skewed clocks still agree. A bucket holds at most {@code
 * permits} tokens and gains {@code permits} per {@code period}; over any window of length {@code w}
 * it therefore grants at most {@code permits + permits * w / period}. An idle bucket expires from
 * Redis (a missing bucket is a full one).
 *
 * <p>{@link #onServerLimit} records the server's own budget ({@code ratelimit-remaining} until
 * {@code ratelimit-reset}) beside the bucket; until the reset a permit needs a token from the bucket
 * <em>and</em> one from that budget, so instances slow down before PagerDuty answers 429. A report
 * of a lower {@code ratelimit-limit} than the configured permits also lowers the bucket's capacity.
 *
 * <p>Waits are not reported to a {@code MetricsListener} here: the caller (HTTP transport, event
 * sender) does the waiting and reports it, so reporting here too would count each wait twice.
 */
public final class RedisRateLimiter implements RateLimiter {

  static final LuaScript ACQUIRE =
      LuaScript.of(
          "rate limiter acquire",
          """
          -- KEYS[1] bucket hash; ARGV[1] permits, ARGV[2] period in microseconds
          local t = redis.call('TIME')
          local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
          local cap = tonumber(ARGV[1])
          local period = tonumber(ARGV[2])
          local h = redis.call('HMGET', KEYS[1], 'tokens', 'ts', 'remaining', 'reset_at', 'server_limit')
          local slimit = tonumber(h[5])
          if slimit ~= nil and slimit > 0 and slimit < cap then cap = slimit end
          local rate = cap / period
          local tokens = tonumber(h[1])
          local ts = tonumber(h[2])
          if tokens == nil or ts == nil then
            tokens = cap
            ts = now
          end
          if now > ts then
            tokens = math.min(cap, tokens + (now - ts) * rate)
            ts = now
          end
          local remaining = tonumber(h[3])
          local reset_at = tonumber(h[4])
          if reset_at ~= nil and now >= reset_at then
            remaining = nil
            reset_at = nil
          end
          local wait = 0
          if tokens < 1 then
            wait = math.ceil((1 - tokens) / rate)
          end
          if remaining ~= nil and remaining < 1 then
            wait = math.max(wait, reset_at - now)
          end
          if wait == 0 then
            tokens = tokens - 1
            if remaining ~= nil then remaining = remaining - 1 end
          end
          redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens),
              'ts', string.format('%.0f', ts))
          local keep = period
          if remaining ~= nil then
            redis.call('HSET', KEYS[1], 'remaining', string.format('%.0f', remaining),
                'reset_at', string.format('%.0f', reset_at))
            keep = math.max(keep, reset_at - now)
          else
            redis.call('HDEL', KEYS[1], 'remaining', 'reset_at')
          end
          -- keep the bucket while it matters: a full refill (or the server reset) plus a margin
          redis.call('PEXPIRE', KEYS[1], string.format('%.0f', math.ceil(keep / 1000) + 1000))
          return string.format('%.0f', wait)
          """);

  static final LuaScript SERVER_LIMIT =
      LuaScript.of(
          "rate limiter server limit",
          """
          -- KEYS[1] bucket hash; ARGV[1] limit, ARGV[2] remaining, ARGV[3] reset in microseconds
          local t = redis.call('TIME')
          local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
          local limit = tonumber(ARGV[1])
          local remaining = tonumber(ARGV[2])
          local reset_at = now + tonumber(ARGV[3])
          local h = redis.call('HMGET', KEYS[1], 'remaining', 'reset_at')
          local old = tonumber(h[1])
          local old_reset = tonumber(h[2])
          if old ~= nil and old_reset ~= nil and now < old_reset and old < remaining then
            -- requests granted since the server counted are not in its figure: keep the lower
            remaining = old
          end
          redis.call('HSET', KEYS[1], 'remaining', string.format('%.0f', remaining),
              'reset_at', string.format('%.0f', reset_at))
          if limit > 0 then
            redis.call('HSET', KEYS[1], 'server_limit', string.format('%.0f', limit))
          end
          local pttl = redis.call('PTTL', KEYS[1])
          local want = math.ceil(tonumber(ARGV[3]) / 1000) + 1000
          if pttl < want then redis.call('PEXPIRE', KEYS[1], want) end
          return 1
          """);

  private final RedisConnector redis;
  private final Keys keys;

  public RedisRateLimiter(RedisConnector redis, Keys keys) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  /**
   * {@inheritDoc}
   *
   * @throws dev.pdkit.redis.RedisStoreException when Redis cannot be reached (the limiter fails
   *     closed: the caller decides whether to wait and retry or to go ahead)
   */
  @Override
  public Duration tryAcquire(String bucket, Limit limit) {
    Keys.checkName("bucket", bucket);
    Objects.requireNonNull(limit, "limit");
    long periodMicros = micros(limit.period());
    byte[] reply =
        redis.script(
            ACQUIRE,
            ScriptOutputType.VALUE,
            new String[] {keys.bucket(bucket)},
            RedisConnector.bytes(limit.permits()),
            RedisConnector.bytes(Math.max(1, periodMicros)));
    long waitMicros = Long.parseLong(RedisConnector.string(reply));
    if (waitMicros <= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos(Math.multiplyExact(waitMicros, 1000L));
  }

  @Override
  public void onServerLimit(String bucket, long limit, long remaining, Duration reset) {
    Keys.checkName("bucket", bucket);
    Objects.requireNonNull(reset, "reset");
    if (remaining < 0 || reset.isNegative()) {
      throw new IllegalArgumentException(
          "remaining and reset must not be negative, were " + remaining + " and " + reset);
    }
    redis.script(
        SERVER_LIMIT,
        ScriptOutputType.INTEGER,
        new String[] {keys.bucket(bucket)},
        RedisConnector.bytes(limit),
        RedisConnector.bytes(remaining),
        RedisConnector.bytes(micros(reset)));
  }

  private static long micros(Duration d) {
    try {
      return Math.multiplyExact(d.getSeconds(), 1_000_000L) + d.getNano() / 1000;
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 4;
    }
  }
}
