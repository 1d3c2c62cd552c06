package dev.pdkit.internal.outbox;

import dev.pdkit.events.DeliveryResult;
import dev.pdkit.events.OverflowPolicy;
import dev.pdkit.events.QueueFullException;
import dev.pdkit.events.SenderClosedException;
import dev.pdkit.spi.OutboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery engine behind {@link dev.pdkit.events.EventSender}.
 *
 * <p>Every event lives in the outbox first. In memory the engine holds at most {@code
 * queueCapacity} entries ("jobs"), each in the lane of its ordering key. A lane sends one job at a
 * time, so events with the same key go out in submit order and a retried event holds back the
 * ones behind it; different lanes go out in parallel, at most {@code maxConcurrency} at once. A
 * job leaves memory when it is delivered (acknowledged in the store) or dead-lettered.
 *
 * <p>Threading: the state below is guarded by {@code this}; store calls, the rate limiter and the
 * deliverer run outside the lock, on the caller's, the scheduler's or the HTTP client's threads.
 */
public final class SenderEngine {
  private static final Logger log = LoggerFactory.getLogger(SenderEngine.class);
  static final String DROPPED = "dropped: queue full (DROP_OLDEST)";

  private enum JobState {
    QUEUED,
    IN_FLIGHT,
    DONE
  }

  private static final class Job {
    final OutboxStore.Entry entry;
    final Lane lane;
    @Nullable CompletableFuture<DeliveryResult> future;
    int attempts;
    JobState state = JobState.QUEUED;

    Job(OutboxStore.Entry entry, Lane lane) {
      this.entry = entry;
      this.lane = lane;
      this.attempts = entry.attempts();
    }
  }

  private static final class Lane {
    final String key;
    final ArrayDeque<Job> jobs = new ArrayDeque<>();
    boolean busy;
    boolean inReady;

    Lane(String key) {
      this.key = key;
    }
  }

  private final SenderSettings s;
  private final CircuitBreaker breaker;
  private final LinkedHashMap<String, Job> tracked = new LinkedHashMap<>();
  private final Map<String, Lane> lanes = new HashMap<>();
  private final ArrayDeque<Lane> ready = new ArrayDeque<>();
  /**
   * Claim-only stores: futures of events submitted here that this instance has not claimed yet
   * (another instance may deliver them). Bounded by the queue capacity.
   */
  private final LinkedHashMap<String, CompletableFuture<DeliveryResult>> unclaimed =
      new LinkedHashMap<>();
  private final boolean claimOnly;
  private boolean pollSoon;
  private int inFlight;
  private int reserved;
  private int settling;
  private boolean closed;
  private boolean stopped;
  private boolean breakerWakeScheduled;
  private SenderScheduler.@Nullable Cancellable pollTask;

  public SenderEngine(SenderSettings settings) {
    this.s = settings;
    this.breaker = new CircuitBreaker(settings.breakerThreshold(), settings.breakerOpenFor());
    this.claimOnly = !settings.store().claimsOnAppend();
  }

  /** Starts the poll loop: takes over entries already waiting in the store (restart). */
  public void start() {
    poll();
  }

  // ---------------------------------------------------------------- submit

  /**
   * Accepts an entry: applies the overflow policy, appends it to the store (durable when this
   * returns) and queues it for delivery.
   */
  public CompletableFuture<DeliveryResult> submit(OutboxStore.Entry entry) {
    if (claimOnly) {
      return submitClaimOnly(entry);
    }
    List<Job> dropped = new ArrayList<>(1);
    synchronized (this) {
      ensureOpen();
      if (tracked.size() + reserved >= s.queueCapacity()) {
        makeRoom(dropped);
      }
      reserved++;
    }
    for (Job d : dropped) {
      finishDropped(d);
    }
    try {
      s.store().appendClaimed(entry, s.consumer());
    } catch (RuntimeException e) {
      synchronized (this) {
        reserved--;
        notifyAll();
      }
      throw e;
    }
    CompletableFuture<DeliveryResult> future = new CompletableFuture<>();
    synchronized (this) {
      reserved--;
      Job job = tracked.get(entry.id());
      if (job == null) {
        job = enqueue(entry);
      }
      // The poll loop may have claimed it first (a store without appendClaimed): one job either way.
      job.future = future;
    }
    pump();
    return future;
  }

  /**
   * For stores that hand entries out only through claim: append, then poll at once. The future
   * completes when this instance delivers the entry, or at shutdown if another instance took it.
   */
  private CompletableFuture<DeliveryResult> submitClaimOnly(OutboxStore.Entry entry) {
    synchronized (this) {
      ensureOpen();
      if (unclaimed.size() + reserved >= s.queueCapacity()) {
        if (s.overflow() == OverflowPolicy.BLOCK) {
          long deadline = System.nanoTime() + s.blockTimeout().toNanos();
          while (unclaimed.size() + reserved >= s.queueCapacity()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
              throw full(" after waiting " + s.blockTimeout().toMillis() + " ms for room");
            }
            try {
              TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new QueueFullException(
                  "interrupted while waiting for room in the event sender's queue; the event was"
                      + " not accepted");
            }
            ensureOpen();
          }
        } else {
          // DROP_OLDEST cannot drop what a shared store may be handing to another instance.
          throw full("");
        }
      }
      reserved++;
    }
    try {
      s.store().append(entry);
    } catch (RuntimeException e) {
      synchronized (this) {
        reserved--;
        notifyAll();
      }
      throw e;
    }
    CompletableFuture<DeliveryResult> future = new CompletableFuture<>();
    boolean schedule;
    synchronized (this) {
      reserved--;
      Job job = tracked.get(entry.id());
      if (job != null) {
        job.future = future;
      } else {
        unclaimed.put(entry.id(), future);
      }
      schedule = !pollSoon;
      pollSoon = true;
    }
    if (schedule) {
      s.scheduler().schedule(this::pollFromSubmit, Duration.ZERO);
    }
    return future;
  }

  private void pollFromSubmit() {
    synchronized (this) {
      pollSoon = false;
    }
    pollOnce();
  }

  private void makeRoom(List<Job> dropped) {
    switch (s.overflow()) {
      case REJECT -> throw full("");
      case BLOCK -> {
        long deadline = System.nanoTime() + s.blockTimeout().toNanos();
        while (tracked.size() + reserved >= s.queueCapacity()) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw full(" after waiting " + s.blockTimeout().toMillis() + " ms for room");
          }
          try {
            TimeUnit.NANOSECONDS.timedWait(this, left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueueFullException(
                "interrupted while waiting for room in the event sender's queue; the event was"
                    + " not accepted");
          }
          ensureOpen();
        }
      }
      case DROP_OLDEST -> {
        for (Job job : tracked.values()) {
          if (job.state == JobState.QUEUED) {
            removeQueued(job);
            dropped.add(job);
            return;
          }
        }
        throw full(" and every held event is being sent, so none can be dropped");
      }
    }
  }

  private QueueFullException full(String detail) {
    return new QueueFullException(
        "event sender queue is full ("
            + s.queueCapacity()
            + " undelivered events held, overflow policy "
            + s.overflow()
            + ")"
            + detail
            + "; the event was not accepted. PagerDuty may be slow or unreachable: retry later,"
            + " raise queueCapacity, or choose another OverflowPolicy");
  }

  private void finishDropped(Job job) {
    try {
      s.store().deadLetter(job.entry.id(), DROPPED);
    } catch (RuntimeException e) {
      log.warn("could not dead-letter dropped event {}: {}", job.entry.id(), e.toString());
    }
    s.metrics().onDelivery("dead_lettered");
    complete(job, DeliveryResult.Status.DEAD_LETTERED, null, DROPPED);
  }

  private void ensureOpen() {
    if (closed) {
      throw new SenderClosedException(
          "the event sender is shut down and accepts no more events; build a new EventSender");
    }
  }

  // ---------------------------------------------------------------- poll

  private void poll() {
    synchronized (this) {
      pollTask = null;
    }
    pollOnce();
    synchronized (this) {
      if (!closed && pollTask == null) {
        pollTask = s.scheduler().schedule(this::poll, s.pollInterval());
      }
    }
  }

  private void pollOnce() {
    int room;
    synchronized (this) {
      if (closed) {
        return;
      }
      room = s.queueCapacity() - tracked.size() - (claimOnly ? 0 : reserved);
    }
    try {
      if (room > 0) {
        List<OutboxStore.Entry> claimed =
            s.store().claim(s.consumer(), Math.min(room, 512), s.claimTimeout());
        synchronized (this) {
          for (OutboxStore.Entry e : claimed) {
            if (!tracked.containsKey(e.id())) {
              Job job = enqueue(e);
              job.future = unclaimed.remove(e.id());
            }
          }
          notifyAll();
        }
      }
      reportQueue();
    } catch (RuntimeException e) {
      log.warn("event sender could not read the outbox: {}", e.toString());
    }
    pump();
  }

  /** Polls the store now (after a replay), in addition to the periodic poll. */
  public void pollNow() {
    synchronized (this) {
      if (closed) {
        return;
      }
      if (pollTask != null) {
        pollTask.cancel();
        pollTask = null;
      }
    }
    poll();
  }

  private void reportQueue() {
    long depth = s.store().size();
    Instant oldest = s.store().oldestEnqueuedAt();
    Duration age =
        oldest == null ? Duration.ZERO : Duration.between(oldest, s.clock().instant());
    s.metrics().onQueue(depth, age.isNegative() ? Duration.ZERO : age);
  }

  // ---------------------------------------------------------------- dispatch

  private Job enqueue(OutboxStore.Entry entry) {
    Lane lane = lanes.computeIfAbsent(entry.key(), Lane::new);
    Job job = new Job(entry, lane);
    lane.jobs.addLast(job);
    tracked.put(entry.id(), job);
    makeReady(lane);
    return job;
  }

  private void makeReady(Lane lane) {
    if (!lane.busy && !lane.inReady && !lane.jobs.isEmpty()) {
      lane.inReady = true;
      ready.addLast(lane);
    }
  }

  private void removeQueued(Job job) {
    job.state = JobState.DONE;
    job.lane.jobs.remove(job);
    tracked.remove(job.entry.id());
    retireIfIdle(job.lane);
    notifyAll();
  }

  private void retireIfIdle(Lane lane) {
    if (!lane.busy && lane.jobs.isEmpty() && lanes.get(lane.key) == lane) {
      lanes.remove(lane.key);
    }
  }

  /** Starts what may start now; call without holding the lock. */
  private void pump() {
    List<Job> starts = new ArrayList<>();
    synchronized (this) {
      while (!stopped && !ready.isEmpty() && inFlight < s.maxConcurrency()) {
        Instant now = s.clock().instant();
        if (!breaker.tryPass(now)) {
          scheduleBreakerWake(now);
          break;
        }
        Lane lane = ready.pollFirst();
        lane.inReady = false;
        Job job = lane.jobs.peekFirst();
        if (job == null || lane.busy) {
          breaker.onAbandoned();
          continue;
        }
        lane.busy = true;
        job.state = JobState.IN_FLIGHT;
        inFlight++;
        starts.add(job);
      }
    }
    for (Job job : starts) {
      begin(job);
    }
  }

  private void scheduleBreakerWake(Instant now) {
    if (breakerWakeScheduled || breaker.state() != CircuitBreaker.State.OPEN) {
      // Half-open with the probe out: its outcome pumps again.
      return;
    }
    Instant until = breaker.openUntil();
    Duration wait = until == null ? Duration.ZERO : Duration.between(now, until);
    breakerWakeScheduled = true;
    s.scheduler()
        .schedule(
            () -> {
              synchronized (this) {
                breakerWakeScheduled = false;
              }
              pump();
            },
            wait.isNegative() ? Duration.ZERO : wait);
  }

  private void begin(Job job) {
    log.trace("sending {} (attempt {})", job.entry.id(), job.attempts + 1);
    if (s.rateLimiter() != null) {
      String bucket = s.bucketOf().apply(job.entry);
      Duration wait;
      try {
        wait = s.rateLimiter().tryAcquire(bucket, s.rateLimit());
      } catch (RuntimeException e) {
        // A broken shared limiter must not stop alerts: send without a permit.
        log.warn("rate limiter failed for bucket {}; sending anyway: {}", bucket, e.toString());
        wait = Duration.ZERO;
      }
      if (wait != null && wait.compareTo(Duration.ZERO) > 0) {
        s.metrics().onRateLimitWait(bucket, wait);
        synchronized (this) {
          breaker.onAbandoned();
          inFlight--;
          job.state = JobState.QUEUED;
        }
        later(job, wait);
        pump();
        return;
      }
    }
    CompletableFuture<Deliverer.Outcome> attempt;
    try {
      attempt = s.deliverer().deliver(job.entry);
    } catch (RuntimeException e) {
      attempt = CompletableFuture.failedFuture(e);
    }
    attempt.whenComplete(
        (outcome, error) -> {
          try {
            finish(
                job,
                error != null || outcome == null
                    ? new Deliverer.Retry(String.valueOf(error), null, true)
                    : outcome);
          } catch (RuntimeException e) {
            log.error("event sender failed to record an outcome for {}", job.entry.id(), e);
          }
        });
  }

  /** Re-opens the job's lane after {@code delay} (rate limit wait or retry backoff). */
  private void later(Job job, Duration delay) {
    s.scheduler()
        .schedule(
            () -> {
              synchronized (this) {
                job.lane.busy = false;
                makeReady(job.lane);
                retireIfIdle(job.lane);
              }
              pump();
            },
            delay);
  }

  // ---------------------------------------------------------------- outcomes

  private void finish(Job job, Deliverer.Outcome outcome) {
    int attempts;
    synchronized (this) {
      attempts = ++job.attempts;
    }
    if (outcome instanceof Deliverer.Delivered d) {
      synchronized (this) {
        breaker.onHealthy();
      }
      try {
        s.store().acknowledge(job.entry.id());
      } catch (RuntimeException e) {
        // Delivered but not acknowledged: it will be sent again later, harmless by dedup key.
        log.warn("could not acknowledge delivered event {}: {}", job.entry.id(), e.toString());
      }
      s.metrics().onDelivery("delivered");
      done(job, DeliveryResult.Status.DELIVERED, d.dedupKey(), d.message());
    } else if (outcome instanceof Deliverer.Reject r) {
      synchronized (this) {
        breaker.onHealthy();
      }
      deadLetter(job, r.reason());
    } else {
      Deliverer.Retry r = (Deliverer.Retry) outcome;
      boolean opened;
      synchronized (this) {
        opened = r.serverFault() ? breaker.onFault(s.clock().instant()) : false;
        if (!r.serverFault()) {
          breaker.onHealthy();
        }
      }
      if (opened) {
        log.warn(
            "event sender circuit breaker opened after repeated failures ({}); events wait in the"
                + " outbox for {}",
            r.reason(),
            s.breakerOpenFor());
      }
      if (attempts >= s.maxAttempts()) {
        deadLetter(job, "gave up after " + attempts + " attempts; last failure: " + r.reason());
        return;
      }
      Duration delay = s.backoff(attempts);
      if (r.retryAfter() != null && r.retryAfter().compareTo(delay) > 0) {
        delay = r.retryAfter();
      }
      log.debug("event {} attempt {} failed ({}); retrying in {} ms", job.entry.id(), attempts,
          r.reason(), delay.toMillis());
      boolean leftOver;
      synchronized (this) {
        inFlight--;
        leftOver = stopped;
        if (leftOver) {
          job.state = JobState.DONE;
          job.lane.jobs.remove(job);
          tracked.remove(job.entry.id());
        } else {
          job.state = JobState.QUEUED;
        }
        notifyAll();
      }
      if (leftOver) {
        // Shut down meanwhile: leave it in the outbox for the next sender.
        leaveInOutbox(job);
        return;
      }
      later(job, delay);
      s.metrics().onDelivery("retried");
      pump();
    }
  }

  private void deadLetter(Job job, String reason) {
    try {
      s.store().deadLetter(job.entry.id(), reason);
    } catch (RuntimeException e) {
      log.warn("could not dead-letter event {}: {}", job.entry.id(), e.toString());
    }
    log.warn("event {} dead-lettered: {}", job.entry.id(), reason);
    s.metrics().onDelivery("dead_lettered");
    done(job, DeliveryResult.Status.DEAD_LETTERED, null, reason);
  }

  /**
   * Takes a finished in-flight job out of memory, settles its future and lets its lane go on. The
   * job leaves {@code tracked} first (so a replay claimed meanwhile is not mistaken for it) and
   * {@code settling} keeps a draining shutdown waiting until the future is complete.
   */
  private void done(
      Job job, DeliveryResult.Status status, @Nullable String dedupKey, String message) {
    synchronized (this) {
      job.state = JobState.DONE;
      inFlight--;
      job.lane.jobs.remove(job);
      tracked.remove(job.entry.id());
      job.lane.busy = false;
      makeReady(job.lane);
      retireIfIdle(job.lane);
      settling++;
    }
    try {
      complete(job, status, dedupKey, message);
    } finally {
      synchronized (this) {
        settling--;
        notifyAll();
      }
    }
    pump();
    if (claimOnly) {
      boolean schedule;
      synchronized (this) {
        schedule = !closed && !pollSoon && !unclaimed.isEmpty();
        pollSoon |= schedule;
      }
      if (schedule) {
        s.scheduler().schedule(this::pollFromSubmit, Duration.ZERO);
      }
    }
  }

  private void complete(
      Job job, DeliveryResult.Status status, @Nullable String dedupKey, String message) {
    CompletableFuture<DeliveryResult> f;
    synchronized (this) {
      f = job.future;
    }
    if (f != null) {
      String key =
          dedupKey != null && !dedupKey.isEmpty() ? dedupKey : SenderEntries.dedupKey(job.entry);
      f.complete(new DeliveryResult(job.entry.id(), status, key, job.attempts, message));
    }
  }

  // ---------------------------------------------------------------- shutdown

  /**
   * Stops accepting, waits up to {@code timeout} for held events to be delivered, then leaves the
   * rest in the store (released, so the next sender takes them at once).
   *
   * @return true if everything held was delivered or dead-lettered in time
   */
  public boolean shutdown(Duration timeout) {
    synchronized (this) {
      closed = true;
      if (pollTask != null) {
        pollTask.cancel();
        pollTask = null;
      }
      notifyAll();
      long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
      while (!tracked.isEmpty() || settling > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    List<Job> leftover = new ArrayList<>();
    List<CompletableFuture<DeliveryResult>> notMine;
    List<String> notMineIds;
    synchronized (this) {
      stopped = true;
      notMine = new ArrayList<>(unclaimed.values());
      notMineIds = new ArrayList<>(unclaimed.keySet());
      unclaimed.clear();
      for (Iterator<Job> it = tracked.values().iterator(); it.hasNext(); ) {
        Job job = it.next();
        if (job.state == JobState.QUEUED) {
          it.remove();
          job.state = JobState.DONE;
          job.lane.jobs.remove(job);
          leftover.add(job);
        }
      }
    }
    for (Job job : leftover) {
      leaveInOutbox(job);
    }
    for (int i = 0; i < notMine.size(); i++) {
      notMine
          .get(i)
          .complete(
              new DeliveryResult(
                  notMineIds.get(i),
                  DeliveryResult.Status.PENDING,
                  null,
                  0,
                  "not taken by this sender before shutdown; it is in the shared outbox, where"
                      + " another instance may have delivered it or the next sender will"));
    }
    synchronized (this) {
      return leftover.isEmpty() && tracked.isEmpty();
    }
  }

  private void leaveInOutbox(Job job) {
    try {
      s.store().release(job.entry.id(), job.attempts);
    } catch (RuntimeException e) {
      log.debug("could not release {} at shutdown (it stays claimed until its claim times out):"
          + " {}", job.entry.id(), e.toString());
    }
    complete(
        job,
        DeliveryResult.Status.PENDING,
        null,
        "not delivered before shutdown; kept in the outbox for the next sender");
  }

  /** Events held in memory (queued, waiting or in flight). */
  public synchronized int held() {
    return tracked.size();
  }

  /** Deliveries in flight now. */
  public synchronized int inFlight() {
    return inFlight;
  }

  /** The circuit breaker state, for diagnostics and tests. */
  public synchronized String breakerState() {
    return breaker.state().name();
  }

  public synchronized boolean isClosed() {
    return closed;
  }
}
