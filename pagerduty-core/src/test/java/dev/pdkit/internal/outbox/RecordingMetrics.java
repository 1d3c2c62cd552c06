package dev.pdkit.internal.outbox;

import dev.pdkit.spi.MetricsListener;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Counts what the sender reports. */
final class RecordingMetrics implements MetricsListener {
  final ConcurrentHashMap<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
  final CopyOnWriteArrayList<Long> depths = new CopyOnWriteArrayList<>();
  final CopyOnWriteArrayList<Duration> ages = new CopyOnWriteArrayList<>();
  final CopyOnWriteArrayList<String> rateLimitBuckets = new CopyOnWriteArrayList<>();

  @Override
  public void onDelivery(String outcome) {
    outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
  }

  @Override
  public void onQueue(long depth, Duration oldestAge) {
    depths.add(depth);
    ages.add(oldestAge);
  }

  @Override
  public void onRateLimitWait(String bucket, Duration waited) {
    rateLimitBuckets.add(bucket);
  }

  long count(String outcome) {
    AtomicLong n = outcomes.get(outcome);
    return n == null ? 0 : n.get();
  }
}
