package dev.pdkit.spi;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The built-in {@link MetricsListener}: keeps counts and latency percentiles in memory so an
 * application can log them, expose them on a health page or assert on them in tests.
 *
 * <pre>{@code
 * MetricsRecorder metrics = MetricsRecorder.create();
 * PagerDuty pd = PagerDuty.builder().apiToken(token).metricsListener(metrics).build();
 * ...
 * MetricsRecorder.EndpointStats s = metrics.snapshot().endpoints().get("GET /services");
 * log.info("p99 {} ms, {} x 429, {} retries", s.p99().toMillis(), s.statusCount(429), s.retries());
 * }</pre>
 *
 * <p>Per endpoint template: exchanges (each attempt counts), counts by status (0 = no response),
 * retries by reason, and latency percentiles over the most recent {@code samplesPerEndpoint}
 * exchanges (a ring buffer, so memory stays bounded and percentiles follow current behaviour).
 * Per rate-limit bucket: how often and how long requests waited. Also the last event queue report
 * and delivery outcomes. Thread-safe; recording is a few lock-free or briefly locked operations.
 */
public final class MetricsRecorder implements MetricsListener {
  /** Default number of latency samples kept per endpoint. */
  public static final int DEFAULT_SAMPLES = 2048;

  private final int samples;
  private final ConcurrentMap<String, EndpointRecorder> endpoints = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, BucketRecorder> buckets = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LongAdder> deliveries = new ConcurrentHashMap<>();
  private final AtomicLong queueDepth = new AtomicLong();
  private final AtomicLong oldestQueuedNanos = new AtomicLong();

  private MetricsRecorder(int samples) {
    this.samples = samples;
  }

  /** A recorder keeping {@value #DEFAULT_SAMPLES} latency samples per endpoint. */
  public static MetricsRecorder create() {
    return new MetricsRecorder(DEFAULT_SAMPLES);
  }

  /** A recorder keeping {@code samplesPerEndpoint} (at least 1) latency samples per endpoint. */
  public static MetricsRecorder create(int samplesPerEndpoint) {
    if (samplesPerEndpoint < 1) {
      throw new IllegalArgumentException("samplesPerEndpoint must be >= 1, was "
          + samplesPerEndpoint);
    }
    return new MetricsRecorder(samplesPerEndpoint);
  }

  @Override
  public void onExchange(String endpoint, int status, Duration latency, int attempt) {
    endpoint(endpoint).exchange(status, latency);
  }

  @Override
  public void onRetry(String endpoint, int attempt, Duration delay, String reason) {
    endpoint(endpoint).retry(reason);
  }

  @Override
  public void onRateLimitWait(String bucket, Duration waited) {
    buckets.computeIfAbsent(bucket, b -> new BucketRecorder()).waited(waited);
  }

  @Override
  public void onQueue(long depth, Duration oldestAge) {
    queueDepth.set(depth);
    oldestQueuedNanos.set(oldestAge.toNanos());
  }

  @Override
  public void onDelivery(String outcome) {
    deliveries.computeIfAbsent(outcome, o -> new LongAdder()).increment();
  }

  private EndpointRecorder endpoint(String endpoint) {
    return endpoints.computeIfAbsent(Objects.requireNonNull(endpoint, "endpoint"),
        e -> new EndpointRecorder(samples));
  }

  /** A consistent-enough copy of everything recorded so far (each endpoint is copied atomically). */
  public Snapshot snapshot() {
    Map<String, EndpointStats> e = new TreeMap<>();
    endpoints.forEach((k, v) -> e.put(k, v.stats(k)));
    Map<String, RateLimitStats> b = new TreeMap<>();
    buckets.forEach((k, v) -> b.put(k, v.stats(k)));
    Map<String, Long> d = new TreeMap<>();
    deliveries.forEach((k, v) -> d.put(k, v.sum()));
    return new Snapshot(e, b, d, queueDepth.get(), Duration.ofNanos(oldestQueuedNanos.get()));
  }

  /** Forgets everything recorded. */
  public void reset() {
    endpoints.clear();
    buckets.clear();
    deliveries.clear();
    queueDepth.set(0);
    oldestQueuedNanos.set(0);
  }

  @Override
  public String toString() {
    return "MetricsRecorder" + snapshot();
  }

  /**
   * Everything recorded, keyed and sorted by name.
   *
   * @param endpoints per endpoint template
   * @param rateLimits per rate-limit bucket (names are fingerprints, never secrets)
   * @param deliveries event delivery outcomes and their counts
   * @param queueDepth the last reported event queue depth
   * @param oldestQueued the last reported age of the oldest queued event
   */
  public record Snapshot(
      Map<String, EndpointStats> endpoints,
      Map<String, RateLimitStats> rateLimits,
      Map<String, Long> deliveries,
      long queueDepth,
      Duration oldestQueued) {
    public Snapshot {
      endpoints = Map.copyOf(endpoints);
      rateLimits = Map.copyOf(rateLimits);
      deliveries = Map.copyOf(deliveries);
    }

    /** Exchanges over all endpoints. */
    public long totalExchanges() {
      return endpoints.values().stream().mapToLong(EndpointStats::exchanges).sum();
    }

    /** Retries over all endpoints. */
    public long totalRetries() {
      return endpoints.values().stream().mapToLong(EndpointStats::retries).sum();
    }
  }

  /**
   * One endpoint's numbers.
   *
   * @param endpoint the template, e.g. {@code GET /services/{id}}
   * @param exchanges attempts made (each retry counts)
   * @param statusCounts attempts by HTTP status; 0 means no response (connection error, timeout)
   * @param retries retries scheduled
   * @param retryReasons retries by reason ({@code 429}, {@code 503}, {@code connection refused}...)
   * @param samples how many latency samples the percentiles are computed over
   * @param p50 median latency
   * @param p90 90th percentile latency
   * @param p99 99th percentile latency
   * @param max slowest sampled latency
   */
  public record EndpointStats(
      String endpoint,
      long exchanges,
      Map<Integer, Long> statusCounts,
      long retries,
      Map<String, Long> retryReasons,
      int samples,
      Duration p50,
      Duration p90,
      Duration p99,
      Duration max) {
    public EndpointStats {
      statusCounts = Map.copyOf(statusCounts);
      retryReasons = Map.copyOf(retryReasons);
    }

    /** Attempts that got {@code status} (0 for no response). */
    public long statusCount(int status) {
      return statusCounts.getOrDefault(status, 0L);
    }
  }

  /**
   * One rate-limit bucket's waits.
   *
   * @param bucket the bucket name, e.g. {@code rest:3f2a9c01b2d4}
   * @param waits how many times a request had to wait
   * @param totalWait the sum of the waits
   * @param maxWait the longest wait
   */
  public record RateLimitStats(String bucket, long waits, Duration totalWait, Duration maxWait) {}

  private static final class EndpointRecorder {
    private final long[] ring;
    private int next;
    private int filled;
    private long exchanges;
    private long retries;
    private final Map<Integer, Long> statuses = new TreeMap<>();
    private final Map<String, Long> reasons = new TreeMap<>();

    EndpointRecorder(int samples) {
      this.ring = new long[samples];
    }

    synchronized void exchange(int status, Duration latency) {
      exchanges++;
      statuses.merge(status, 1L, Long::sum);
      ring[next] = Math.max(0, latency.toNanos());
      next = (next + 1) % ring.length;
      filled = Math.min(filled + 1, ring.length);
    }

    synchronized void retry(String reason) {
      retries++;
      reasons.merge(String.valueOf(reason), 1L, Long::sum);
    }

    synchronized EndpointStats stats(String endpoint) {
      long[] sorted = Arrays.copyOf(ring, filled);
      Arrays.sort(sorted);
      return new EndpointStats(endpoint, exchanges, statuses, retries, reasons, filled,
          percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
          sorted.length == 0 ? Duration.ZERO : Duration.ofNanos(sorted[sorted.length - 1]));
    }

    /** Nearest-rank percentile. */
    private static Duration percentile(long[] sorted, int p) {
      if (sorted.length == 0) {
        return Duration.ZERO;
      }
      int rank = (int) Math.ceil(p / 100.0 * sorted.length);
      return Duration.ofNanos(sorted[Math.max(0, rank - 1)]);
    }
  }

  private static final class BucketRecorder {
    private long waits;
    private long total;
    private long max;

    synchronized void waited(Duration d) {
      long n = Math.max(0, d.toNanos());
      waits++;
      total += n;
      max = Math.max(max, n);
    }

    synchronized RateLimitStats stats(String bucket) {
      return new RateLimitStats(bucket, waits, Duration.ofNanos(total), Duration.ofNanos(max));
    }
  }
}
