package dev.pdkit.benchmarks.redis;

import dev.pdkit.redis.PdkitRedis;
import dev.pdkit.spi.OutboxStore;
import dev.pdkit.spi.RateLimiter;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Round trips of the Redis SPIs against a real Redis ({@code REDIS_URL}, default {@code
 * redis://127.0.0.1:6379}), one caller thread, with a raw Lettuce {@code PING} on an equivalent
 * connection as the same-run baseline, so results read as "n round trips":
 *
 * <ul>
 *   <li>{@code rateLimiterTryAcquire}: one token-bucket script ({@code EVALSHA}) that grants;
 *   <li>{@code outboxAppend}: one idempotent {@code XADD} script with a 200-byte payload;
 *   <li>{@code baselinePing}: the cheapest possible command.
 * </ul>
 *
 * <p>Keys use a random prefix and are deleted at the end. Run:
 *
 * <pre>
 * mvn -B -o -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar Redis -f 1 -wi 2 -i 3 -rf json -rff benchmarks/target/redis.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class RedisBenchmark {
  private static final byte[] PAYLOAD = new byte[200];
  private static final RateLimiter.Limit UNLIMITED =
      new RateLimiter.Limit(Long.MAX_VALUE / 1_000_000_000L, Duration.ofSeconds(1));

  private String url;
  private String prefix;
  private PdkitRedis redis;
  private RateLimiter limiter;
  private OutboxStore outbox;
  private RedisClient rawClient;
  private StatefulRedisConnection<String, String> raw;
  private RedisCommands<String, String> rawCommands;
  private final AtomicLong ids = new AtomicLong();
  private final Instant enqueued = Instant.now();

  @Setup(Level.Trial)
  public void setUp() {
    String env = System.getenv("REDIS_URL");
    url = env == null || env.isBlank() ? "redis://127.0.0.1:6379" : env;
    prefix = "pdkit-bench:" + UUID.randomUUID().toString().substring(0, 8) + ":";
    redis = PdkitRedis.builder().url(url).keyPrefix(prefix).build();
    limiter = redis.rateLimiter();
    outbox = redis.outboxStore("bench");
    rawClient = RedisClient.create(url);
    raw = rawClient.connect();
    rawCommands = raw.sync();
    for (int i = 0; i < PAYLOAD.length; i++) {
      PAYLOAD[i] = (byte) "{\"routing_key\":\"x\"}".charAt(i % 19);
    }
  }

  @Benchmark
  public Duration rateLimiterTryAcquire() {
    return limiter.tryAcquire("bench", UNLIMITED);
  }

  @Benchmark
  public void outboxAppend() {
    long n = ids.incrementAndGet();
    outbox.append(
        new OutboxStore.Entry("e" + n, "key-" + (n & 63), PAYLOAD, enqueued, 0));
  }

  @Benchmark
  public String baselinePing() {
    return rawCommands.ping();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page =
          rawCommands.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
      if (!page.getKeys().isEmpty()) {
        rawCommands.del(page.getKeys().toArray(new String[0]));
      }
      cursor = page;
    } while (!cursor.isFinished());
    raw.close();
    rawClient.shutdown();
    redis.close();
  }
}
