package dev.pdkit;

import dev.pdkit.errors.PagerDutyException;
import dev.pdkit.errors.ValidationException;
import dev.pdkit.events.EventsApi;
import dev.pdkit.internal.ClientContext;
import dev.pdkit.internal.ClientHooks;
import dev.pdkit.internal.SpiLookup;
import dev.pdkit.internal.Version;
import dev.pdkit.internal.events.DefaultEventsApi;
import dev.pdkit.internal.http.HttpTransport;
import dev.pdkit.internal.http.JdkHttpTransport;
import dev.pdkit.internal.http.Scheduler;
import dev.pdkit.internal.http.TransportSettings;
import dev.pdkit.internal.ratelimit.TokenBucketRateLimiter;
import dev.pdkit.internal.rest.RawApiImpl;
import dev.pdkit.internal.rest.AbilitiesImpl;
import dev.pdkit.internal.rest.AuditRecordsImpl;
import dev.pdkit.internal.rest.EscalationPoliciesImpl;
import dev.pdkit.internal.rest.IncidentsImpl;
import dev.pdkit.internal.rest.MaintenanceWindowsImpl;
import dev.pdkit.internal.rest.OnCallsImpl;
import dev.pdkit.internal.rest.SchedulesImpl;
import dev.pdkit.internal.rest.ServicesImpl;
import dev.pdkit.internal.rest.TeamsImpl;
import dev.pdkit.internal.rest.UsersImpl;
import dev.pdkit.rest.Abilities;
import dev.pdkit.rest.AuditRecords;
import dev.pdkit.rest.EscalationPolicies;
import dev.pdkit.rest.Incidents;
import dev.pdkit.rest.MaintenanceWindows;
import dev.pdkit.rest.OnCalls;
import dev.pdkit.rest.Schedules;
import dev.pdkit.rest.Services;
import dev.pdkit.rest.Teams;
import dev.pdkit.rest.Users;
import dev.pdkit.rest.RawApi;
import dev.pdkit.spi.CacheProvider;
import dev.pdkit.spi.MetricsListener;
import dev.pdkit.spi.RateLimiter;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The PagerDuty client: REST API v2 and Events API v2 over {@code java.net.http}.
 *
 * <pre>{@code
 * try (PagerDuty pd = PagerDuty.builder()
 *     .apiToken(System.getenv("PAGERDUTY_API_KEY"))
 *     .from("ops@example.com")          // needed by incident and maintenance window writes
 *     .region(Region.EU)                // or .apiUrl(URI.create("http://127.0.0.1:8080")) for the fake
 *     .build()) {
 *   JsonNode me = pd.raw().get("/users/me");
 * }
 * // or: PagerDuty pd = PagerDuty.fromEnv();  (PAGERDUTY_API_KEY, PAGERDUTY_API_URL, ...)
 * }</pre>
 *
 * <p><b>Thread-safety and sharing.</b> A client is immutable and thread-safe; create one and share
 * it. {@link #withOptions} derives a client with other per-call settings (From, timeouts, retry
 * policy) that shares this one's HTTP client, executor, caches, rate limiter and metrics.
 *
 * <p><b>Every request</b> carries {@code Accept: application/vnd.pagerduty+json;version=2}, the
 * user agent {@code pdkit/<version> java/<version>}, {@code Authorization: Token token=...} (or
 * {@code Bearer ...} for OAuth tokens) on REST calls only, {@code Content-Type: application/json}
 * when it has a body, and {@code From} when one is configured. Operations PagerDuty documents as
 * needing {@code From} fail with a {@link ValidationException} before sending when none is set.
 * Requests take a permit from the {@link RateLimiter} first (960/min per REST token, 120/min per
 * Events routing key by default) and are retried per the {@link RetryPolicy}.
 *
 * <p><b>Ownership.</b> {@link #close()} releases only what this client created (its executor,
 * cache provider and SPI instances it looked up); an {@link Builder#httpClient HttpClient},
 * executor or SPI passed to the builder is left to the caller. Closing is idempotent; derived
 * clients own nothing and closing them does nothing.
 */
public final class PagerDuty implements AutoCloseable {
  /** System property naming a {@link RateLimiter} class (public no-arg constructor). */
  public static final String RATE_LIMITER_PROPERTY = "pdkit.rateLimiter";
  /** System property naming a {@link CacheProvider} class (public no-arg constructor). */
  public static final String CACHE_PROVIDER_PROPERTY = "pdkit.cacheProvider";
  /** System property naming a {@link MetricsListener} class (public no-arg constructor). */
  public static final String METRICS_LISTENER_PROPERTY = "pdkit.metricsListener";

  static {
    ClientHooks.register(new ClientHooks.Access() {
      @Override
      public void scheduler(Builder builder, Scheduler scheduler) {
        builder.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      }

      @Override
      public void random(Builder builder, DoubleSupplier random) {
        builder.random = Objects.requireNonNull(random, "random");
      }

      @Override
      public ClientContext context(PagerDuty client) {
        return client.context;
      }
    });
  }

  private final Shared shared;
  private final boolean root;
  private final @Nullable Region region;
  private final Duration connectTimeout;
  private final TransportSettings settings;
  private final ClientContext context;
  private final RawApi raw;

  // ---- resource fields: other areas add theirs here, created from `context` in the constructor.
  // core-rest: typed REST resources (dev.pdkit.rest), one instance per client.
  private final Abilities abilities;
  private final AuditRecords auditRecords;
  private final EscalationPolicies escalationPolicies;
  private final Incidents incidents;
  private final MaintenanceWindows maintenanceWindows;
  private final OnCalls oncalls;
  private final Schedules schedules;
  private final Services services;
  private final Teams teams;
  private final Users users;
  private final EventsApi events;

  private PagerDuty(Shared shared, boolean root, @Nullable Region region, Duration connectTimeout,
      TransportSettings settings) {
    this.shared = shared;
    this.root = root;
    this.region = region;
    this.connectTimeout = connectTimeout;
    this.settings = settings;
    HttpTransport transport = new JdkHttpTransport(shared.http, settings, shared.scheduler,
        shared.clock, shared.limiter, shared.metrics, shared.random, shared.closed::get);
    this.context = new ClientContext(transport, settings, shared.cache, shared.limiter,
        shared.metrics, shared.clock, shared.executor);
    this.raw = new RawApiImpl(context);
    // ---- resource construction: other areas add theirs here, e.g. services = new ServicesImpl(context);
    this.abilities = new AbilitiesImpl(context);
    this.auditRecords = new AuditRecordsImpl(context);
    this.escalationPolicies = new EscalationPoliciesImpl(context);
    this.incidents = new IncidentsImpl(context);
    this.maintenanceWindows = new MaintenanceWindowsImpl(context);
    this.oncalls = new OnCallsImpl(context);
    this.schedules = new SchedulesImpl(context);
    this.services = new ServicesImpl(context);
    this.teams = new TeamsImpl(context);
    this.users = new UsersImpl(context);
    this.events = new DefaultEventsApi(transport, settings.eventsUrl());
  }

  /** A builder with the defaults (US region, no token, default retry policy and limits). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A client configured from the process environment: {@code PAGERDUTY_API_KEY} (API token),
   * {@code PAGERDUTY_API_URL}, {@code PAGERDUTY_EVENTS_URL}, {@code PAGERDUTY_FROM}.
   *
   * @throws ValidationException naming the variable if a value is invalid
   */
  public static PagerDuty fromEnv() {
    return fromEnv(System.getenv());
  }

  /** Like {@link #fromEnv()} but reading the given map (for tests and custom sources). */
  public static PagerDuty fromEnv(Map<String, String> env) {
    return builder().env(env).build();
  }

  // ---- resource accessors: other areas add theirs here (services(), users(), ..., events()).

  /** The account's abilities (plan features). */
  public Abilities abilities() {
    return abilities;
  }

  /** The audit trail (cursor paginated). */
  public AuditRecords auditRecords() {
    return auditRecords;
  }

  /** Escalation policies. */
  public EscalationPolicies escalationPolicies() {
    return escalationPolicies;
  }

  /** Incidents, their notes, log entries and alerts (changes need {@code From}). */
  public Incidents incidents() {
    return incidents;
  }

  /** Maintenance windows (create needs {@code From}). */
  public MaintenanceWindows maintenanceWindows() {
    return maintenanceWindows;
  }

  /** Who is on call, as PagerDuty computes it. */
  public OnCalls oncalls() {
    return oncalls;
  }

  /** Schedules and overrides. */
  public Schedules schedules() {
    return schedules;
  }

  /** Services and their integrations. */
  public Services services() {
    return services;
  }

  /** Teams and their members. */
  public Teams teams() {
    return teams;
  }

  /** Users, {@code /users/me} and a cached lookup by e-mail. */
  public Users users() {
    return users;
  }

  /**
   * Events API v2: trigger, acknowledge, resolve and change events, validated before sending.
   * Needs no REST token: the routing key in each event is the credential.
   */
  public EventsApi events() {
    return events;
  }

  /** Any REST endpoint, for what the typed resources do not cover. */
  public RawApi raw() {
    return raw;
  }

  // ---- options --------------------------------------------------------------------------------

  /**
   * A client with some settings changed that shares this client's HTTP client, executor, caches,
   * rate limiter and metrics. Closing the derived client does nothing; closing this one stops both.
   *
   * <pre>{@code
   * PagerDuty asAlice = pd.withOptions(o -> o.from("alice@example.com").retryPolicy(RetryPolicy.none()));
   * }</pre>
   */
  public PagerDuty withOptions(Consumer<Options> change) {
    Objects.requireNonNull(change, "change");
    Options o = new Options(settings);
    change.accept(o);
    return new PagerDuty(shared, false, region, connectTimeout, o.toSettings());
  }

  /** REST API base URL. */
  public URI apiUrl() {
    return settings.apiUrl();
  }

  /** Events API base URL. */
  public URI eventsUrl() {
    return settings.eventsUrl();
  }

  /** The region the URLs came from, if they were not set explicitly. */
  public Optional<Region> region() {
    return Optional.ofNullable(region);
  }

  /** The default {@code From} header (e-mail of a user on the account). */
  public Optional<String> from() {
    return Optional.ofNullable(settings.from());
  }

  /** Whether a REST token (API key or OAuth) is configured. */
  public boolean hasApiToken() {
    return settings.token() != null;
  }

  /** A safe-to-log fingerprint of the REST token, if one is configured. */
  public Optional<String> tokenFingerprint() {
    return Optional.ofNullable(settings.token()).map(Secret::fingerprint);
  }

  /** Timeout for opening a connection (ignored with a custom {@code HttpClient}). */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Timeout of one HTTP exchange, from sending to the last byte of the response. */
  public Duration requestTimeout() {
    return settings.requestTimeout();
  }

  /** The {@code User-Agent} header. */
  public String userAgent() {
    return settings.userAgent();
  }

  /** When requests are retried. */
  public RetryPolicy retryPolicy() {
    return settings.retryPolicy();
  }

  /** Limit of the per-token REST bucket. */
  public RateLimiter.Limit restRateLimit() {
    return settings.restLimit();
  }

  /** Limit of each per-routing-key Events bucket. */
  public RateLimiter.Limit eventsRateLimit() {
    return settings.eventsLimit();
  }

  /** The rate limiter in use. */
  public RateLimiter rateLimiter() {
    return shared.limiter;
  }

  /** The cache provider in use. */
  public CacheProvider cacheProvider() {
    return shared.cache;
  }

  /** The metrics listener in use. */
  public MetricsListener metricsListener() {
    return shared.metrics;
  }

  /** The clock the client reads time from. */
  public Clock clock() {
    return shared.clock;
  }

  /** The executor used for asynchronous work. */
  public Executor executor() {
    return shared.executor;
  }

  /** Whether {@link #close()} was called on the client that owns the shared resources. */
  public boolean isClosed() {
    return shared.closed.get();
  }

  /**
   * Releases what this client created: its executor (in-flight requests fail), the cache provider
   * and SPI instances it looked up itself. Idempotent. On a derived client, does nothing.
   */
  @Override
  public void close() {
    if (root) {
      shared.close();
    }
  }

  @Override
  public String toString() {
    return "PagerDuty[apiUrl=" + settings.apiUrl() + ", eventsUrl=" + settings.eventsUrl()
        + ", token=" + (settings.token() == null ? "none" : "fingerprint "
        + settings.token().fingerprint()) + ", from=" + settings.from() + "]";
  }

  // ---- shared resources ------------------------------------------------------------------------

  private static final class Shared {
    final HttpClient http;
    final Executor executor;
    final @Nullable ExecutorService ownedExecutor;
    final CacheProvider cache;
    final boolean ownsCache;
    final RateLimiter limiter;
    final boolean ownsLimiter;
    final MetricsListener metrics;
    final boolean ownsMetrics;
    final Scheduler scheduler;
    final Clock clock;
    final DoubleSupplier random;
    final AtomicBoolean closed = new AtomicBoolean();

    Shared(Builder b, boolean plainHttpOnly) {
      this.clock = b.clock;
      this.random = b.random != null ? b.random : JdkHttpTransport.defaultRandom();
      ExecutorService owned = null;
      Executor exec = b.executor;
      if (exec == null && b.httpClient != null) {
        exec = b.httpClient.executor().orElse(null);
      }
      if (exec == null) {
        owned = Executors.newCachedThreadPool(daemonThreads());
        exec = owned;
      }
      this.ownedExecutor = owned;
      this.executor = exec;
      if (b.httpClient != null) {
        this.http = b.httpClient;
      } else {
        HttpClient.Builder hb = HttpClient.newBuilder()
            .connectTimeout(b.connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(exec);
        if (plainHttpOnly) {
          hb.version(HttpClient.Version.HTTP_1_1);
        }
        if (b.proxy != null) {
          hb.proxy(b.proxy);
        }
        this.http = hb.build();
      }
      this.scheduler = b.scheduler != null ? b.scheduler : Scheduler.onExecutor(exec);
      ClassLoader cl = PagerDuty.class.getClassLoader();
      SpiLookup.Found<RateLimiter> l = SpiLookup.find(RateLimiter.class, b.rateLimiter,
          RATE_LIMITER_PROPERTY, cl, () -> new TokenBucketRateLimiter(b.clock),
          System::getProperty);
      SpiLookup.Found<CacheProvider> c = SpiLookup.find(CacheProvider.class, b.cacheProvider,
          CACHE_PROVIDER_PROPERTY, cl, CacheProvider::caffeine, System::getProperty);
      SpiLookup.Found<MetricsListener> m = SpiLookup.find(MetricsListener.class, b.metricsListener,
          METRICS_LISTENER_PROPERTY, cl, MetricsListener::noop, System::getProperty);
      this.limiter = l.value();
      this.ownsLimiter = l.created();
      this.cache = c.value();
      this.ownsCache = c.created();
      this.metrics = m.value();
      this.ownsMetrics = m.created();
    }

    void close() {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      if (ownedExecutor != null) {
        ownedExecutor.shutdown();
      }
      if (ownsCache) {
        cache.close();
      }
      closeIfCloseable(ownsLimiter, limiter);
      closeIfCloseable(ownsMetrics, metrics);
    }

    private static void closeIfCloseable(boolean owned, Object o) {
      if (owned && o instanceof AutoCloseable ac) {
        try {
          ac.close();
        } catch (Exception e) {
          throw new PagerDutyException("could not close " + o.getClass().getName(), e);
        }
      }
    }

    private static ThreadFactory daemonThreads() {
      AtomicInteger n = new AtomicInteger();
      return r -> {
        Thread t = new Thread(r, "pdkit-http-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      };
    }
  }

  // ---- derived options -------------------------------------------------------------------------

  /**
   * Settings that {@link #withOptions} may change. Unset values keep the parent's. Not
   * thread-safe; used only inside the {@code withOptions} callback.
   */
  public static final class Options {
    private @Nullable String from;
    private boolean clearFrom;
    private Duration requestTimeout;
    private RetryPolicy retryPolicy;
    private RateLimiter.Limit restLimit;
    private RateLimiter.Limit eventsLimit;
    private final TransportSettings base;

    private Options(TransportSettings base) {
      this.base = base;
      this.from = base.from();
      this.requestTimeout = base.requestTimeout();
      this.retryPolicy = base.retryPolicy();
      this.restLimit = base.restLimit();
      this.eventsLimit = base.eventsLimit();
    }

    /** The default {@code From} header; null removes it. */
    public Options from(@Nullable String from) {
      if (from != null) {
        validateFrom(from, "from").ifPresent(p -> {
          throw new ValidationException(List.of(p));
        });
      }
      this.from = from;
      this.clearFrom = from == null;
      return this;
    }

    /** Timeout of one HTTP exchange. */
    public Options requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /** The retry policy. */
    public Options retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Limit of the REST bucket. */
    public Options restRateLimit(RateLimiter.Limit limit) {
      this.restLimit = Objects.requireNonNull(limit, "limit");
      return this;
    }

    /** Limit of each Events bucket. */
    public Options eventsRateLimit(RateLimiter.Limit limit) {
      this.eventsLimit = Objects.requireNonNull(limit, "limit");
      return this;
    }

    private TransportSettings toSettings() {
      return new TransportSettings(base.apiUrl(), base.eventsUrl(), base.token(), base.bearer(),
          clearFrom ? null : from, requestTimeout, base.userAgent(), retryPolicy, restLimit,
          eventsLimit);
    }
  }

  // ---- builder ---------------------------------------------------------------------------------

  /**
   * Builds a {@link PagerDuty} client. Not thread-safe. {@link #build()} reports every invalid
   * setting at once in a {@link ValidationException}.
   */
  public static final class Builder {
    private @Nullable Secret token;
    private boolean bearer;
    private @Nullable String from;
    private @Nullable Region region;
    private @Nullable URI apiUrl;
    private @Nullable URI eventsUrl;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private @Nullable String userAgentSuffix;
    private @Nullable ProxySelector proxy;
    private @Nullable HttpClient httpClient;
    private @Nullable Executor executor;
    private RetryPolicy retryPolicy = RetryPolicy.ofDefaults();
    private @Nullable RateLimiter rateLimiter;
    private RateLimiter.Limit restRateLimit = RateLimiter.Limit.perMinute(960);
    private RateLimiter.Limit eventsRateLimit = RateLimiter.Limit.perMinute(120);
    private @Nullable CacheProvider cacheProvider;
    private @Nullable MetricsListener metricsListener;
    private Clock clock = Clock.systemUTC();
    private @Nullable Scheduler scheduler;
    private @Nullable DoubleSupplier random;
    private final List<ValidationException.Problem> problems = new ArrayList<>();

    private Builder() {}

    /** A REST API key (account or user key), sent as {@code Authorization: Token token=...}. */
    public Builder apiToken(String token) {
      return apiToken(Secret.of(Objects.requireNonNull(token, "token")));
    }

    /** A REST API key held as a {@link Secret}. */
    public Builder apiToken(Secret token) {
      this.token = Objects.requireNonNull(token, "token");
      this.bearer = false;
      return this;
    }

    /** An OAuth access token, sent as {@code Authorization: Bearer ...}; replaces an API token. */
    public Builder oauthToken(String token) {
      return oauthToken(Secret.of(Objects.requireNonNull(token, "token")));
    }

    /** An OAuth access token held as a {@link Secret}. */
    public Builder oauthToken(Secret token) {
      this.token = Objects.requireNonNull(token, "token");
      this.bearer = true;
      return this;
    }

    /**
     * The default {@code From} header: the e-mail of a user on the account, recorded by PagerDuty
     * as the actor of incident and maintenance-window changes.
     */
    public Builder from(String email) {
      this.from = Objects.requireNonNull(email, "email");
      return this;
    }

    /** The region (default {@link Region#US}); explicit URLs take precedence. */
    public Builder region(Region region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /**
     * The REST API base URL, e.g. a proxy or the testkit fake. Must be {@code https}, or {@code
     * http} to a loopback host ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}).
     */
    public Builder apiUrl(URI url) {
      this.apiUrl = Objects.requireNonNull(url, "url");
      return this;
    }

    /** {@link #apiUrl(URI)} from a string. */
    public Builder apiUrl(String url) {
      this.apiUrl = parseUri(Objects.requireNonNull(url, "url"), "apiUrl");
      return this;
    }

    /** The Events API base URL (same rules as {@link #apiUrl(URI)}). */
    public Builder eventsUrl(URI url) {
      this.eventsUrl = Objects.requireNonNull(url, "url");
      return this;
    }

    /** {@link #eventsUrl(URI)} from a string. */
    public Builder eventsUrl(String url) {
      this.eventsUrl = parseUri(Objects.requireNonNull(url, "url"), "eventsUrl");
      return this;
    }

    /** Timeout for opening a connection; default 10 s. Ignored with a custom HttpClient. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** Timeout of one HTTP exchange (each attempt); default 30 s. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /** Text appended to the user agent, e.g. {@code my-app/1.2}. */
    public Builder userAgentSuffix(String suffix) {
      Objects.requireNonNull(suffix, "suffix");
      if (suffix.chars().anyMatch(ch -> ch < 0x20 || ch > 0x7e)) {
        throw new IllegalArgumentException("userAgentSuffix must be printable ASCII");
      }
      this.userAgentSuffix = suffix.isBlank() ? null : suffix.strip();
      return this;
    }

    /** The proxy selector, e.g. {@code ProxySelector.of(new InetSocketAddress(host, port))}. */
    public Builder proxy(ProxySelector proxy) {
      this.proxy = Objects.requireNonNull(proxy, "proxy");
      return this;
    }

    /**
     * A caller-owned HTTP client (its proxy, TLS and connect timeout apply; {@link
     * #connectTimeout} and {@link #proxy} are not used). The client never closes it.
     */
    public Builder httpClient(HttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /** A caller-owned executor for HTTP callbacks and async work; never shut down by the client. */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** When to retry; default {@link RetryPolicy#ofDefaults()}. */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * The rate limiter (caller-owned). Default: the {@code pdkit.rateLimiter} system
     * property, else a single ServiceLoader provider, else {@link RateLimiter#inMemory()}.
     */
    public Builder rateLimiter(RateLimiter limiter) {
      this.rateLimiter = Objects.requireNonNull(limiter, "limiter");
      return this;
    }

    /** Limit of the per-token REST bucket; default 960 per minute. */
    public Builder restRateLimit(RateLimiter.Limit limit) {
      this.restRateLimit = Objects.requireNonNull(limit, "limit");
      return this;
    }

    /** Limit of each per-routing-key Events bucket; default 120 per minute. */
    public Builder eventsRateLimit(RateLimiter.Limit limit) {
      this.eventsRateLimit = Objects.requireNonNull(limit, "limit");
      return this;
    }

    /**
     * The cache provider (caller-owned). Default: the {@code pdkit.cacheProvider} system property,
     * else a single ServiceLoader provider, else {@link CacheProvider#caffeine()}.
     */
    public Builder cacheProvider(CacheProvider provider) {
      this.cacheProvider = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /**
     * The metrics listener (caller-owned), e.g. a {@link dev.pdkit.spi.MetricsRecorder}. Default:
     * the {@code pdkit.metricsListener} system property, else a single ServiceLoader provider, else
     * none.
     */
    public Builder metricsListener(MetricsListener listener) {
      this.metricsListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The clock for retry budgets, rate limits and timestamps; default UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Applies environment variables: {@code PAGERDUTY_API_KEY}, {@code PAGERDUTY_API_URL},
     * {@code PAGERDUTY_EVENTS_URL}, {@code PAGERDUTY_FROM}. Blank or absent variables are skipped;
     * invalid values are reported by {@link #build()} naming the variable.
     */
    public Builder env(Map<String, String> env) {
      Objects.requireNonNull(env, "env");
      String key = env.get("PAGERDUTY_API_KEY");
      if (key != null && !key.isBlank()) {
        apiToken(key.strip());
      }
      envUrl(env, "PAGERDUTY_API_URL").ifPresent(u -> this.apiUrl = u);
      envUrl(env, "PAGERDUTY_EVENTS_URL").ifPresent(u -> this.eventsUrl = u);
      String f = env.get("PAGERDUTY_FROM");
      if (f != null && !f.isBlank()) {
        validateFrom(f.strip(), "PAGERDUTY_FROM").ifPresentOrElse(problems::add,
            () -> this.from = f.strip());
      }
      return this;
    }

    private Optional<URI> envUrl(Map<String, String> env, String name) {
      String v = env.get(name);
      if (v == null || v.isBlank()) {
        return Optional.empty();
      }
      try {
        URI u = new URI(v.strip());
        Optional<ValidationException.Problem> p = checkUrl(u, name);
        if (p.isPresent()) {
          problems.add(p.get());
          return Optional.empty();
        }
        return Optional.of(u);
      } catch (java.net.URISyntaxException e) {
        problems.add(new ValidationException.Problem(name, "is not a valid URL ("
            + e.getReason() + "); expected e.g. https://api.pagerduty.com"));
        return Optional.empty();
      }
    }

    /**
     * Builds the client.
     *
     * @throws ValidationException listing every invalid setting (URL scheme, host, From, ...)
     * @throws PagerDutyException if SPI lookup fails (e.g. two providers on the class path)
     */
    public PagerDuty build() {
      List<ValidationException.Problem> all = new ArrayList<>(problems);
      Region r = region != null ? region : Region.US;
      URI api = apiUrl != null ? apiUrl : r.apiUrl();
      URI events = eventsUrl != null ? eventsUrl : r.eventsUrl();
      checkUrl(api, "apiUrl").ifPresent(all::add);
      checkUrl(events, "eventsUrl").ifPresent(all::add);
      if (from != null) {
        validateFrom(from, "from").ifPresent(all::add);
      }
      if (httpClient != null && proxy != null) {
        all.add(new ValidationException.Problem("proxy", "a proxy cannot be combined with a custom"
            + " httpClient; configure the proxy on your HttpClient instead"));
      }
      if (!all.isEmpty()) {
        throw new ValidationException(all);
      }
      String ua = Version.userAgent() + (userAgentSuffix == null ? "" : " " + userAgentSuffix);
      TransportSettings settings = new TransportSettings(stripSlash(api), stripSlash(events), token,
          bearer, from, requestTimeout, ua, retryPolicy, restRateLimit, eventsRateLimit);
      Region shown = apiUrl == null && eventsUrl == null ? r : null;
      // Plain http is only allowed to loopback (a fake or a local proxy). There the JDK client's
      // default HTTP/2 mode would send an h2c upgrade on every request, which no such server
      // accepts and which measurably slows each round trip; over https, HTTP/2 comes from ALPN.
      boolean plainHttpOnly = "http".equalsIgnoreCase(api.getScheme())
          && "http".equalsIgnoreCase(events.getScheme());
      return new PagerDuty(new Shared(this, plainHttpOnly), true, shown, connectTimeout, settings);
    }
  }

  // ---- validation helpers ----------------------------------------------------------------------

  private static URI parseUri(String s, String field) {
    try {
      return new URI(s.strip());
    } catch (java.net.URISyntaxException e) {
      throw ValidationException.of(field, "is not a valid URL (" + e.getReason()
          + "); expected e.g. https://api.pagerduty.com");
    }
  }

  private static URI stripSlash(URI u) {
    String s = u.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return URI.create(s);
  }

  static Optional<ValidationException.Problem> checkUrl(URI u, String field) {
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return Optional.of(new ValidationException.Problem(field, "must be an https:// URL, was '"
          + u + "'"));
    }
    if (u.getHost() == null || u.getHost().isBlank()) {
      return Optional.of(new ValidationException.Problem(field, "has no host: '" + u + "'"));
    }
    if (u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
      return Optional.of(new ValidationException.Problem(field, "must be a base URL without"
          + " user info, query or fragment: '" + u.getScheme() + "://" + u.getHost() + "...'"));
    }
    if (scheme.equals("http") && !isLoopback(u.getHost())) {
      return Optional.of(new ValidationException.Problem(field, "plain http is only allowed to a"
          + " loopback host (localhost, 127.0.0.1, [::1]); PagerDuty requires https: use https://"
          + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "")));
    }
    return Optional.empty();
  }

  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    boolean literal = h.startsWith("[") || h.matches("[0-9.]+");
    if (!literal) {
      return false; // never resolve names here: only literals and localhost count as loopback
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  static Optional<ValidationException.Problem> validateFrom(String from, String field) {
    String f = from.strip();
    int at = f.indexOf('@');
    if (at <= 0 || at == f.length() - 1 || f.indexOf('@', at + 1) >= 0
        || f.chars().anyMatch(Character::isWhitespace)) {
      return Optional.of(new ValidationException.Problem(field, "must be the e-mail address of a"
          + " user on the PagerDuty account, e.g. ops@example.com; was '" + f + "'"));
    }
    return Optional.empty();
  }

  private static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw ValidationException.of(name, "must be positive, was " + d);
    }
    return d;
  }
}
