package dev.pdkit.internal.http;

import dev.pdkit.RetryPolicy;
import dev.pdkit.errors.ApiException;
import dev.pdkit.errors.PagerDutyException;
import dev.pdkit.errors.TransportException;
import dev.pdkit.errors.ValidationException;
import dev.pdkit.internal.Futures;
import dev.pdkit.internal.json.Json;
import dev.pdkit.spi.MetricsListener;
import dev.pdkit.spi.RateLimiter;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link HttpTransport} over {@code java.net.http}. Each {@link #send} runs asynchronously:
 * take a rate-limit permit (waiting through the {@link Scheduler}, never blocking a thread), send,
 * map the answer, and on a retryable failure wait and go again. Thread-safe.
 */
public final class JdkHttpTransport implements HttpTransport {
  static final String ACCEPT = "application/vnd.pagerduty+json;version=2";
  private static final Logger log = LoggerFactory.getLogger(JdkHttpTransport.class);

  private final HttpClient client;
  private final TransportSettings settings;
  private final Scheduler scheduler;
  private final Clock clock;
  private final RateLimiter limiter;
  private final MetricsListener metrics;
  private final DoubleSupplier random;
  private final BooleanSupplier closed;
  private final Redactor baseRedactor;

  /**
   * @param client the HTTP client (shared; this transport never closes it)
   * @param settings what every request gets
   * @param scheduler waits for backoff and rate limits
   * @param clock measures the retry budget and reads {@code Retry-After} dates
   * @param limiter hands out permits
   * @param metrics receives measurements
   * @param random jitter source in {@code [0, 1)}
   * @param closed tells whether the owning client was closed
   */
  public JdkHttpTransport(
      HttpClient client,
      TransportSettings settings,
      Scheduler scheduler,
      Clock clock,
      RateLimiter limiter,
      MetricsListener metrics,
      DoubleSupplier random,
      BooleanSupplier closed) {
    this.client = Objects.requireNonNull(client, "client");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.random = Objects.requireNonNull(random, "random");
    this.closed = Objects.requireNonNull(closed, "closed");
    List<String> secrets = new ArrayList<>();
    if (settings.token() != null) {
      secrets.add(settings.token().reveal());
    }
    this.baseRedactor = Redactor.of(secrets);
  }

  /** A jitter source for production use. */
  public static DoubleSupplier defaultRandom() {
    return () -> ThreadLocalRandom.current().nextDouble();
  }

  /** The settings this transport applies. */
  public TransportSettings settings() {
    return settings;
  }

  /** A redactor that knows the client's token; use it before logging anything request-related. */
  public Redactor redactor() {
    return baseRedactor;
  }

  @Override
  public CompletableFuture<ApiResponse> send(ApiRequest request) {
    Objects.requireNonNull(request, "request");
    Prepared p;
    try {
      p = prepare(request);
    } catch (PagerDutyException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<ApiResponse> result = new CompletableFuture<>();
    attempt(p, 1, clock.instant(), result);
    return result;
  }

  /** Nothing to release: the owning client closes the shared resources it created. */
  @Override
  public void close() {}

  // ---------------------------------------------------------------------------------------------

  /** Everything about a request that stays the same across attempts. */
  private static final class Prepared {
    private final ApiRequest request;
    private final HttpRequest http;
    private final byte[] body;
    private final String bucket;
    private final RateLimiter.Limit limit;
    private final Redactor baseRedactor;
    private volatile @Nullable Redactor redactor;

    Prepared(ApiRequest request, HttpRequest http, byte[] body, String bucket,
        RateLimiter.Limit limit, Redactor baseRedactor) {
      this.request = request;
      this.http = http;
      this.body = body;
      this.bucket = bucket;
      this.limit = limit;
      this.baseRedactor = baseRedactor;
    }

    ApiRequest request() {
      return request;
    }

    HttpRequest http() {
      return http;
    }

    byte[] body() {
      return body;
    }

    String bucket() {
      return bucket;
    }

    RateLimiter.Limit limit() {
      return limit;
    }

    /**
     * The token plus every secret-named value of the body (routing keys, ...). Only logs and
     * errors need it, so the body is parsed for it on first use, not on every request.
     */
    Redactor redactor() {
      Redactor r = redactor;
      if (r == null) {
        r = body.length > 0 ? baseRedactor.withSecretsFrom(body) : baseRedactor;
        redactor = r;
      }
      return r;
    }

    String endpoint() {
      return request.endpoint();
    }

    /** The endpoint, plus the concrete path when the endpoint is a template. */
    String line() {
      String e = request.endpoint();
      return e.endsWith(" " + request.path()) ? e : e + " [" + request.path() + "]";
    }
  }

  private Prepared prepare(ApiRequest req) {
    boolean events = req.api() == ApiRequest.Api.EVENTS;
    URI base = events ? settings.eventsUrl() : settings.apiUrl();
    URI uri = uri(base, req.path(), req.query());
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout());
    b.setHeader("Accept", ACCEPT);
    b.setHeader("User-Agent", settings.userAgent());
    for (Map.Entry<String, String> h : req.headers().entrySet()) {
      if (!h.getKey().equalsIgnoreCase("Authorization")) {
        b.setHeader(h.getKey(), h.getValue());
      }
    }
    if (!events) {
      if (settings.token() == null) {
        throw ValidationException.of("apiToken", req.endpoint() + " needs a REST API token and none"
            + " is configured; set PAGERDUTY_API_KEY or call PagerDuty.builder().apiToken(...)"
            + " (or .oauthToken(...))");
      }
      String secret = settings.token().reveal();
      b.setHeader("Authorization", settings.bearer() ? "Bearer " + secret : "Token token=" + secret);
    }
    String from = req.from() != null && !req.from().isBlank() ? req.from() : settings.from();
    if (from != null && !from.isBlank()) {
      b.setHeader("From", from);
    } else if (req.requiresFrom()) {
      throw ValidationException.of("From", req.endpoint() + " requires a From header: the e-mail"
          + " of a user on the account, recorded as who made the change. Set it with"
          + " PagerDuty.builder().from(\"you@example.com\"), the PAGERDUTY_FROM environment"
          + " variable, or pd.withOptions(o -> o.from(\"you@example.com\"))");
    }
    byte[] body = serialise(req);
    if (req.body() != null) {
      b.setHeader("Content-Type", "application/json");
      b.method(req.method(), HttpRequest.BodyPublishers.ofByteArray(body));
    } else {
      b.method(req.method(), HttpRequest.BodyPublishers.noBody());
    }
    String bucket = req.rateLimitBucket() != null
        ? req.rateLimitBucket()
        : events ? "events:default" : settings.restBucket();
    RateLimiter.Limit limit = events ? settings.eventsLimit() : settings.restLimit();
    return new Prepared(req, b.build(), body, bucket, limit, baseRedactor);
  }

  private static byte[] serialise(ApiRequest req) {
    Object body = req.body();
    if (body == null) {
      return new byte[0];
    }
    if (body instanceof byte[] bytes) {
      return bytes.clone();
    }
    try {
      return Json.write(body);
    } catch (IllegalArgumentException e) {
      throw new PagerDutyException("cannot serialise the request body of " + req.endpoint()
          + " as JSON: " + body.getClass().getName(), e);
    }
  }

  static URI uri(URI base, String path, Map<String, List<String>> query) {
    String b = base.toString();
    while (b.endsWith("/")) {
      b = b.substring(0, b.length() - 1);
    }
    StringBuilder sb = new StringBuilder(b).append(path);
    char sep = '?';
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      for (String v : e.getValue()) {
        sb.append(sep).append(encode(e.getKey())).append('=').append(encode(v));
        sep = '&';
      }
    }
    return URI.create(sb.toString());
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private void attempt(Prepared p, int n, Instant start, CompletableFuture<ApiResponse> result) {
    if (closed.getAsBoolean()) {
      result.completeExceptionally(closedError(p));
      return;
    }
    acquire(p, 0).whenComplete((ignored, err) -> {
      if (err != null) {
        result.completeExceptionally(unwrap(err));
      } else if (closed.getAsBoolean()) {
        result.completeExceptionally(closedError(p));
      } else {
        exchange(p, n, start, result);
      }
    });
  }

  private static PagerDutyException closedError(Prepared p) {
    return new PagerDutyException(p.endpoint() + " was not sent: the PagerDuty client is closed;"
        + " create a new client with PagerDuty.builder()");
  }

  private CompletableFuture<Void> acquire(Prepared p, int round) {
    Duration wait;
    try {
      wait = limiter.tryAcquire(p.bucket(), p.limit());
    } catch (RuntimeException e) {
      // A broken shared limiter (e.g. its store is down) must not stop requests: fail open.
      log.warn("rate limiter failed for bucket {}; sending without a permit: {}", p.bucket(),
          p.redactor().redact(String.valueOf(e)));
      return CompletableFuture.completedFuture(null);
    }
    if (wait == null || wait.isZero() || wait.isNegative()) {
      return CompletableFuture.completedFuture(null);
    }
    metrics.onRateLimitWait(p.bucket(), wait);
    log.debug("{} waits {} ms for a rate limit permit of {} (round {})", p.endpoint(),
        wait.toMillis(), p.bucket(), round + 1);
    return scheduler.delay(wait).thenCompose(x -> acquire(p, round + 1));
  }

  private void exchange(Prepared p, int n, Instant start, CompletableFuture<ApiResponse> result) {
    if (log.isTraceEnabled() && p.body().length > 0) {
      log.trace("{} request body (attempt {}): {}", p.endpoint(), n,
          p.redactor().redactBody(p.body()));
    }
    if (Futures.callerWaits()) {
      exchangeOnCaller(p, n, start, result);
      return;
    }
    long t0 = System.nanoTime();
    CompletableFuture<HttpResponse<byte[]>> f;
    try {
      f = client.sendAsync(p.http(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    f.whenComplete((resp, err) -> {
      try {
        Duration latency = Duration.ofNanos(System.nanoTime() - t0);
        if (err != null) {
          onFailure(p, n, start, result, unwrap(err), latency);
        } else {
          onResponse(p, n, start, result, resp, latency);
        }
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    });
  }

  /**
   * The exchange on the calling thread, which is inside {@link Futures#sync} and so waits for the
   * answer anyway: {@code HttpClient.send} saves the executor and common-pool hand-offs that
   * {@code sendAsync} makes. The answer goes through the same mapping, metrics and retry decision;
   * a retry waits on the scheduler like any other.
   */
  private void exchangeOnCaller(Prepared p, int n, Instant start,
      CompletableFuture<ApiResponse> result) {
    long t0 = System.nanoTime();
    HttpResponse<byte[]> resp;
    try {
      resp = client.send(p.http(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result.completeExceptionally(new PagerDutyException(p.endpoint()
          + ": interrupted while waiting for PagerDuty", e));
      return;
    } catch (IOException | RuntimeException e) {
      try {
        onFailure(p, n, start, result, sendFailure(e), Duration.ofNanos(System.nanoTime() - t0));
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
      return;
    }
    try {
      onResponse(p, n, start, result, resp, Duration.ofNanos(System.nanoTime() - t0));
    } catch (Throwable t) {
      result.completeExceptionally(t);
    }
  }

  /**
   * {@code HttpClient.send} rethrows what failed the exchange as a new exception of the same I/O
   * type, but wraps anything else in a plain {@code IOException}; unwrap that so the sync and async
   * paths classify a failure alike.
   */
  private static Throwable sendFailure(Exception e) {
    if (e.getClass() == IOException.class && e.getCause() != null
        && !(e.getCause() instanceof IOException)) {
      return unwrap(e.getCause());
    }
    return e;
  }

  private void onFailure(Prepared p, int n, Instant start, CompletableFuture<ApiResponse> result,
      Throwable cause, Duration latency) {
    metrics.onExchange(p.endpoint(), 0, latency, n);
    TransportException te = transportError(p, cause);
    log.debug("{} -> no response in {} ms (attempt {}): {}", p.line(),
        latency.toMillis(), n, te.getMessage());
    boolean retryable = cause instanceof IOException
        && (p.request().idempotent() || te.connectionRefused());
    if (retryable) {
      retryOrFail(p, n, start, result, te, null,
          te.isTimeout() ? "timeout" : te.connectionRefused() ? "connection refused" : "io error");
    } else {
      result.completeExceptionally(te);
    }
  }

  private TransportException transportError(Prepared p, Throwable cause) {
    URI uri = p.http().uri();
    String where = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    String detail = cause.getMessage() == null ? cause.getClass().getSimpleName()
        : p.redactor().redact(cause.getMessage());
    if (cause instanceof HttpConnectTimeoutException) {
      return new TransportException(p.endpoint() + ": could not connect to " + where
          + " within the connect timeout; check the network, proxy and API URL, or raise"
          + " PagerDuty.builder().connectTimeout(...)", cause, true, true);
    }
    if (cause instanceof HttpTimeoutException) {
      return new TransportException(p.endpoint() + ": no response from " + where + " within "
          + settings.requestTimeout().toMillis() + " ms; retry, or raise"
          + " PagerDuty.builder().requestTimeout(...)", cause, true, false);
    }
    if (cause instanceof ConnectException) {
      return new TransportException(p.endpoint() + ": could not connect to " + where + " ("
          + detail + "); check the API URL, network and proxy settings", cause, false, true);
    }
    return new TransportException(p.endpoint() + ": the exchange with " + where
        + " failed (" + detail + "); check the network and proxy, then retry", cause, false, false);
  }

  private void onResponse(Prepared p, int n, Instant start, CompletableFuture<ApiResponse> result,
      HttpResponse<byte[]> resp, Duration latency) {
    int status = resp.statusCode();
    byte[] body = resp.body() == null ? new byte[0] : resp.body();
    metrics.onExchange(p.endpoint(), status, latency, n);
    if (log.isDebugEnabled()) {
      log.debug("{} -> {} in {} ms (attempt {})", p.line(), status, latency.toMillis(), n);
    }
    if (log.isTraceEnabled() && body.length > 0) {
      log.trace("{} response body ({}): {}", p.endpoint(), status, p.redactor().redactBody(body));
    }
    HttpHeaders headers = resp.headers();
    feedServerLimit(p.bucket(), headers);
    if (status >= 200 && status < 300) {
      result.complete(new ApiResponse(status, headers.map(), body));
      return;
    }
    Duration serverDelay = serverDelay(status, headers);
    ApiException error = toException(p, status, headers, body, serverDelay);
    if (p.request().idempotent() && settings.retryPolicy().retries(status)) {
      retryOrFail(p, n, start, result, error, serverDelay, String.valueOf(status));
    } else {
      result.completeExceptionally(error);
    }
  }

  private void retryOrFail(Prepared p, int n, Instant start, CompletableFuture<ApiResponse> result,
      PagerDutyException error, @Nullable Duration serverDelay, String reason) {
    RetryPolicy policy = settings.retryPolicy();
    if (n >= policy.maxAttempts()) {
      result.completeExceptionally(error);
      return;
    }
    double jitter = Math.min(Math.max(random.getAsDouble(), 0.0), Math.nextDown(1.0));
    Duration delay = serverDelay != null && policy.honorServerDelay()
        ? serverDelay
        : policy.backoff(n, jitter);
    Instant next = clock.instant().plus(delay);
    if (Duration.between(start, next).compareTo(policy.maxElapsed()) > 0) {
      log.debug("{} gives up after attempt {}: waiting {} ms would exceed maxElapsed {}",
          p.endpoint(), n, delay.toMillis(), policy.maxElapsed());
      result.completeExceptionally(error);
      return;
    }
    metrics.onRetry(p.endpoint(), n + 1, delay, reason);
    log.debug("{} retries in {} ms (attempt {} of {}) after {}", p.endpoint(), delay.toMillis(),
        n + 1, policy.maxAttempts(), reason);
    scheduler.delay(delay).whenComplete((x, err) -> {
      if (err != null) {
        result.completeExceptionally(unwrap(err));
      } else {
        attempt(p, n + 1, start, result);
      }
    });
  }

  private ApiException toException(Prepared p, int status, HttpHeaders headers, byte[] body,
      @Nullable Duration serverDelay) {
    ErrorBodies.Parsed parsed = ErrorBodies.parse(body);
    Redactor r = p.redactor();
    List<String> messages = new ArrayList<>();
    for (String m : parsed.messages()) {
      messages.add(r.redact(m));
    }
    String message = parsed.message() == null ? null : r.redact(parsed.message());
    String requestId = headers.firstValue("x-request-id").orElse(null);
    return ApiException.of(status, p.endpoint(), parsed.code(), message, messages, requestId,
        status == 429 ? serverDelay : null);
  }

  /** {@code Retry-After} (seconds or HTTP date), else {@code ratelimit-reset} on a 429. */
  @Nullable Duration serverDelay(int status, HttpHeaders headers) {
    Optional<String> retryAfter = headers.firstValue("retry-after");
    if (retryAfter.isPresent()) {
      Duration d = parseRetryAfter(retryAfter.get().trim(), clock.instant());
      if (d != null) {
        return d;
      }
    }
    if (status == 429) {
      Optional<String> reset = headers.firstValue("ratelimit-reset");
      if (reset.isPresent()) {
        return parseSeconds(reset.get().trim());
      }
    }
    return null;
  }

  static @Nullable Duration parseRetryAfter(String value, Instant now) {
    Duration seconds = parseSeconds(value);
    if (seconds != null) {
      return seconds;
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration d = Duration.between(now, at.toInstant());
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static @Nullable Duration parseSeconds(String value) {
    try {
      double s = Double.parseDouble(value);
      if (Double.isNaN(s) || Double.isInfinite(s) || s < 0) {
        return null;
      }
      return Duration.ofMillis((long) Math.ceil(s * 1000));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void feedServerLimit(String bucket, HttpHeaders headers) {
    Optional<String> limit = headers.firstValue("ratelimit-limit");
    Optional<String> remaining = headers.firstValue("ratelimit-remaining");
    Optional<String> reset = headers.firstValue("ratelimit-reset");
    if (limit.isEmpty() || remaining.isEmpty() || reset.isEmpty()) {
      return;
    }
    try {
      long l = Long.parseLong(limit.get().trim());
      long r = Long.parseLong(remaining.get().trim());
      Duration d = parseSeconds(reset.get().trim());
      if (d != null) {
        limiter.onServerLimit(bucket, l, r, d);
      }
    } catch (NumberFormatException e) {
      log.debug("ignoring unparseable ratelimit headers for {}", bucket);
    } catch (RuntimeException e) {
      log.warn("rate limiter rejected server limit for bucket {}: {}", bucket,
          e.getClass().getName());
    }
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  @Override
  public String toString() {
    return "JdkHttpTransport[api=" + settings.apiUrl() + ", events=" + settings.eventsUrl()
        + ", token=" + (settings.token() == null ? "none" : settings.token()) + "]";
  }
}
