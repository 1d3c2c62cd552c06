package dev.pdkit.events;

import dev.pdkit.PagerDuty;
import dev.pdkit.RetryPolicy;
import dev.pdkit.internal.ClientHooks;
import dev.pdkit.internal.events.EventBodies;
import dev.pdkit.internal.json.Json;
import dev.pdkit.internal.outbox.Deliverer;
import dev.pdkit.internal.outbox.SenderEngine;
import dev.pdkit.internal.outbox.SenderEntries;
import dev.pdkit.internal.outbox.SenderScheduler;
import dev.pdkit.internal.outbox.SenderSettings;
import dev.pdkit.internal.outbox.TransportDeliverer;
import dev.pdkit.spi.MetricsListener;
import dev.pdkit.spi.OutboxStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Reliable, asynchronous delivery of Events API v2 events: {@link #submit} never waits for the
 * network, events survive PagerDuty outages (and, with a durable {@link OutboxStore}, crashes), and
 * every event is delivered at least once with its dedup key, so duplicates are harmless.
 *
 * <pre>{@code
 * try (PagerDuty pd = PagerDuty.fromEnv();
 *     OutboxStore outbox = FileOutbox.open(Path.of("/var/lib/myapp/pd-outbox"));
 *     EventSender sender = EventSender.builder(pd).outbox(outbox).build()) {
 *   CompletableFuture<DeliveryResult> r = sender.submit(
 *       AlertEvent.trigger(routingKey).summary("disk full").source("db1")
 *           .severity(Severity.CRITICAL).build());
 * }
 * }</pre>
 *
 * <h2>What submit does</h2>
 *
 * <p>{@code submit} validates the event against {@link EventLimits} (throwing {@code
 * dev.pdkit.errors.ValidationException} that lists every problem), gives a trigger without a dedup
 * key a random one, serialises it, and appends it to the outbox. When {@code submit} returns, the
 * event is accepted: with a durable outbox it survives a crash ({@link FileOutbox} with {@code
 * ALWAYS} forces it to disk first). The returned future completes with a {@link DeliveryResult}
 * once the event is delivered or dead-lettered (or, at shutdown, left pending in the outbox); it
 * completes exceptionally only on a bug. If the sender already holds {@code queueCapacity}
 * undelivered events, the {@link OverflowPolicy} decides (default {@link OverflowPolicy#REJECT}:
 * {@link QueueFullException}).
 *
 * <h2>Delivery</h2>
 *
 * <ul>
 *   <li><b>Order:</b> events with the same routing key and dedup key go out one at a time in submit
 *       order (a trigger before its resolve, even when the trigger needs retries); different keys go
 *       in parallel, at most {@code maxConcurrency} at once. Change events are not ordered.
 *   <li><b>Retries:</b> on 5xx, 408, timeouts and connection failures, with the same dedup key,
 *       after an exponential backoff with jitter ({@code initialBackoff} doubling up to {@code
 *       maxBackoff}); after a 429 the server's {@code Retry-After} is honoured when longer. After
 *       {@code maxAttempts} the event is dead-lettered.
 *   <li><b>No retry</b> on 400 and other 4xx: the event is dead-lettered with PagerDuty's error
 *       messages as the reason. {@link #deadLetters} lists them; {@link #replay} sends one again.
 *   <li><b>Rate limits:</b> every delivery takes a permit from the client's {@code RateLimiter}
 *       (bucket {@code events:<routing key fingerprint>}, limit {@code eventsRateLimit}), the same
 *       budget {@code pd.events()} uses, shared across instances with the Redis limiter.
 *   <li><b>Circuit breaker:</b> after {@code breakerThreshold} consecutive server faults, nothing is
 *       sent for {@code breakerOpenFor}; then one probe goes, and its success resumes delivery.
 *       Events wait in the outbox meanwhile; nothing is lost.
 * </ul>
 *
 * <h2>Shutdown and restart</h2>
 *
 * <p>{@link #shutdown(Duration)} stops accepting, waits up to the timeout for held events, and
 * leaves the rest in the outbox; {@link #close()} does the same with {@code closeTimeout}. A new
 * sender over the same durable store delivers them (at start it claims everything waiting).
 *
 * <p>Thread-safe. The sender does not close the {@link PagerDuty} client nor an outbox passed to
 * {@link Builder#outbox}; it closes the in-memory outbox and the scheduler it created.
 */
public final class EventSender implements AutoCloseable {
  private final SenderEngine engine;
  private final EventsApi events;
  private final OutboxStore store;
  private final boolean ownsStore;
  private final @Nullable ScheduledExecutorService ownedExecutor;
  private final Duration closeTimeout;
  private final Clock clock;

  private EventSender(Builder b) {
    PagerDuty view = b.client.withOptions(o -> o.retryPolicy(RetryPolicy.none()));
    this.events = b.client.events().withLimitPolicy(b.limitPolicy);
    this.ownsStore = b.outbox == null;
    this.store = b.outbox != null ? b.outbox : OutboxStore.inMemory();
    this.clock = b.clock != null ? b.clock : b.client.clock();
    this.closeTimeout = b.closeTimeout;
    ScheduledExecutorService executor = b.scheduler;
    if (executor == null) {
      executor =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "pdkit-event-sender");
                t.setDaemon(true);
                return t;
              });
      this.ownedExecutor = executor;
    } else {
      this.ownedExecutor = null;
    }
    Deliverer deliverer = new TransportDeliverer(ClientHooks.context(view).transport());
    MetricsListener metrics = b.metrics != null ? b.metrics : b.client.metricsListener();
    SenderSettings settings =
        new SenderSettings(
            store,
            deliverer,
            b.consumerName != null ? b.consumerName : defaultConsumer(),
            b.queueCapacity,
            b.overflowPolicy,
            b.blockTimeout,
            b.maxConcurrency,
            b.maxAttempts,
            b.initialBackoff,
            b.maxBackoff,
            b.breakerThreshold,
            b.breakerOpenFor,
            // The client's transport takes the rate limit permit for every delivery.
            null,
            b.client.eventsRateLimit(),
            SenderEntries::bucket,
            b.claimTimeout,
            b.pollInterval,
            clock,
            SenderScheduler.of(executor),
            metrics,
            () -> ThreadLocalRandom.current().nextDouble());
    this.engine = new SenderEngine(settings);
    engine.start();
  }

  private static String defaultConsumer() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException | RuntimeException e) {
      host = "host";
    }
    return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Starts a sender that delivers through {@code client}'s Events API settings. */
  public static Builder builder(PagerDuty client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  /**
   * Accepts an alert event (trigger, acknowledge or resolve) for delivery.
   *
   * @return completes with how the delivery ended
   * @throws dev.pdkit.errors.ValidationException if the event breaks the Events API limits
   * @throws QueueFullException if the queue is full (see {@link OverflowPolicy})
   * @throws SenderClosedException after {@link #shutdown}
   * @throws dev.pdkit.errors.OutboxException if the outbox could not store the event
   */
  public CompletableFuture<DeliveryResult> submit(AlertEvent event) {
    Objects.requireNonNull(event, "event");
    AlertEvent prepared = events.validate(event);
    if (prepared.dedupKey() == null) {
      // Fixed before the event is stored: every attempt, after any restart, carries this key.
      prepared = prepared.withDedupKey(UUID.randomUUID().toString());
    }
    byte[] payload = Json.write(EventBodies.alert(prepared));
    String id = UUID.randomUUID().toString();
    String key =
        SenderEntries.alertKey(
            prepared.routingKey().fingerprint(), Objects.requireNonNull(prepared.dedupKey()));
    return engine.submit(new OutboxStore.Entry(id, key, payload, clock.instant(), 0));
  }

  /**
   * Accepts a change event for delivery. Change events have no dedup key: a retry after a lost
   * response may record the change twice.
   *
   * @throws dev.pdkit.errors.ValidationException if the event breaks the Events API limits
   * @throws QueueFullException if the queue is full
   * @throws SenderClosedException after {@link #shutdown}
   */
  public CompletableFuture<DeliveryResult> submit(ChangeEvent event) {
    Objects.requireNonNull(event, "event");
    ChangeEvent prepared = events.validate(event);
    byte[] payload = Json.write(EventBodies.change(prepared));
    String id = UUID.randomUUID().toString();
    String key = SenderEntries.changeKey(prepared.routingKey().fingerprint(), id);
    return engine.submit(new OutboxStore.Entry(id, key, payload, clock.instant(), 0));
  }

  /** Dead letters, oldest first, at most {@code max}. */
  public List<DeadLetter> deadLetters(int max) {
    List<DeadLetter> out = new ArrayList<>();
    for (OutboxStore.DeadLetter d : store.deadLetters(max)) {
      OutboxStore.Entry e = d.entry();
      out.add(
          new DeadLetter(
              e.id(), SenderEntries.dedupKey(e), d.reason(), d.at(), e.enqueuedAt()));
    }
    return out;
  }

  /**
   * Sends a dead letter again (attempts reset). Returns false if {@code id} is not a dead letter.
   */
  public boolean replay(String id) {
    Objects.requireNonNull(id, "id");
    boolean found = store.replay(id);
    if (found) {
      engine.pollNow();
    }
    return found;
  }

  /** Events this sender holds in memory now (queued, waiting for a retry, or in flight). */
  public int held() {
    return engine.held();
  }

  /**
   * Stops accepting events and waits up to {@code timeout} for the held ones; what is not
   * delivered by then stays in the outbox (its futures complete with {@link
   * DeliveryResult.Status#PENDING}). Idempotent.
   *
   * @return true if every held event was delivered or dead-lettered in time
   */
  public boolean shutdown(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    boolean drained = engine.shutdown(timeout);
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
    if (ownsStore) {
      store.close();
    }
    return drained;
  }

  /** {@link #shutdown(Duration)} with the builder's {@code closeTimeout} (default 10 s). */
  @Override
  public void close() {
    shutdown(closeTimeout);
  }

  @Override
  public String toString() {
    return "EventSender[store=" + store + ", held=" + engine.held() + "]";
  }

  /**
   * Options of an {@link EventSender}. Defaults: in-memory outbox, queue capacity 10,000, {@link
   * OverflowPolicy#REJECT}, block timeout 5 s, 16 concurrent deliveries, 12 attempts, backoff 500 ms
   * doubling to 60 s, breaker after 10 consecutive faults for 30 s, claim timeout 5 min, poll
   * interval 1 s, close timeout 10 s, the client's clock and metrics listener. Not thread-safe.
   */
  public static final class Builder {
    private final PagerDuty client;
    private @Nullable OutboxStore outbox;
    private int queueCapacity = 10_000;
    private OverflowPolicy overflowPolicy = OverflowPolicy.REJECT;
    private Duration blockTimeout = Duration.ofSeconds(5);
    private int maxConcurrency = 16;
    private int maxAttempts = 12;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(60);
    private int breakerThreshold = 10;
    private Duration breakerOpenFor = Duration.ofSeconds(30);
    private Duration claimTimeout = Duration.ofMinutes(5);
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration closeTimeout = Duration.ofSeconds(10);
    private LimitPolicy limitPolicy = LimitPolicy.REJECT;
    private @Nullable String consumerName;
    private @Nullable Clock clock;
    private @Nullable ScheduledExecutorService scheduler;
    private @Nullable MetricsListener metrics;

    private Builder(PagerDuty client) {
      this.client = client;
    }

    /** The outbox; default an in-memory one (not durable). See {@link FileOutbox}. */
    public Builder outbox(OutboxStore outbox) {
      this.outbox = Objects.requireNonNull(outbox, "outbox");
      return this;
    }

    /** Most undelivered events held in memory; default 10,000. */
    public Builder queueCapacity(int capacity) {
      this.queueCapacity = positive("queueCapacity", capacity);
      return this;
    }

    /** What submit does when the queue is full; default {@link OverflowPolicy#REJECT}. */
    public Builder overflowPolicy(OverflowPolicy policy) {
      this.overflowPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** How long {@link OverflowPolicy#BLOCK} waits for room; default 5 s. */
    public Builder blockTimeout(Duration timeout) {
      this.blockTimeout = nonNegative("blockTimeout", timeout);
      return this;
    }

    /** Most deliveries in flight at once; default 16. */
    public Builder maxConcurrency(int n) {
      this.maxConcurrency = positive("maxConcurrency", n);
      return this;
    }

    /** Attempts before an event is dead-lettered; default 12. */
    public Builder maxAttempts(int n) {
      this.maxAttempts = positive("maxAttempts", n);
      return this;
    }

    /** Backoff before the first retry (doubling per retry, with jitter); default 500 ms. */
    public Builder initialBackoff(Duration d) {
      this.initialBackoff = nonNegative("initialBackoff", d);
      return this;
    }

    /** Longest backoff; default 60 s. */
    public Builder maxBackoff(Duration d) {
      this.maxBackoff = nonNegative("maxBackoff", d);
      return this;
    }

    /**
     * The circuit breaker: open after {@code consecutiveFaults} server faults in a row, for {@code
     * openFor}; defaults 10 and 30 s.
     */
    public Builder circuitBreaker(int consecutiveFaults, Duration openFor) {
      this.breakerThreshold = positive("consecutiveFaults", consecutiveFaults);
      this.breakerOpenFor = nonNegative("openFor", openFor);
      return this;
    }

    /**
     * After how long another consumer may take an event this sender claimed but did not finish (a
     * crashed instance sharing the outbox); default 5 min.
     */
    public Builder claimTimeout(Duration d) {
      this.claimTimeout = nonNegative("claimTimeout", d);
      return this;
    }

    /** How often the outbox is polled for events from earlier runs or other instances; 1 s. */
    public Builder pollInterval(Duration d) {
      Objects.requireNonNull(d, "pollInterval");
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException("pollInterval must be positive, was " + d);
      }
      this.pollInterval = d;
      return this;
    }

    /** How long {@link #close()} waits for held events; default 10 s. */
    public Builder closeTimeout(Duration d) {
      this.closeTimeout = nonNegative("closeTimeout", d);
      return this;
    }

    /** How over-long fields are treated at submit; default {@link LimitPolicy#REJECT}. */
    public Builder limitPolicy(LimitPolicy policy) {
      this.limitPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** This sender's name in a shared outbox; default host, pid and a random suffix. */
    public Builder consumerName(String name) {
      this.consumerName = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The clock for enqueue times, the breaker and claims; default the client's. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Runs backoffs, polls and breaker wake-ups; default a daemon thread the sender owns. One
     * passed here is not shut down by the sender.
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** Receives queue and delivery metrics; default the client's listener. */
    public Builder metrics(MetricsListener metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    /** Builds and starts the sender; it claims events already waiting in the outbox at once. */
    public EventSender build() {
      return new EventSender(this);
    }

    private static int positive(String name, int n) {
      if (n <= 0) {
        throw new IllegalArgumentException(name + " must be positive, was " + n);
      }
      return n;
    }

    private static Duration nonNegative(String name, Duration d) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + d);
      }
      return d;
    }
  }
}
