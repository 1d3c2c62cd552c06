package dev.pdkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pdkit.testkit.Fault;
import dev.pdkit.testkit.RateLimits;
import dev.pdkit.testkit.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fake PagerDuty server: JDK {@code HttpServer} on loopback, one lock guarding all state, REST
 * v2 at the root, Events v2 at {@code /v2/enqueue}, control API at {@code /_fake/}.
 */
public final class FakeServer implements AutoCloseable {
  static {
    // The JDK HttpServer writes headers and body in separate packets; without TCP_NODELAY, Nagle
    // plus the client's delayed ACK add ~40 ms to every exchange. The flag is read once, when the
    // JDK's server configuration class loads, so set it before the first server is created.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(FakeServer.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final int JOURNAL_MAX = 10_000;

  /** The 13 operations on which PagerDuty requires the {@code From} header (SEMANTICS.md §1). */
  static final Set<String> FROM_REQUIRED = Set.of(
      "POST /incidents", "PUT /incidents", "PUT /incidents/{id}", "PUT /incidents/{id}/alerts",
      "PUT /incidents/{id}/alerts/{alert_id}", "PUT /incidents/{id}/merge",
      "POST /incidents/{id}/notes", "PUT /incidents/{id}/notes/{note_id}",
      "POST /incidents/{id}/snooze", "POST /incidents/{id}/status_updates",
      "PUT /log_entries/{id}/channel", "POST /maintenance_windows", "POST /users");

  /** Startup configuration. */
  public record Config(
      String host,
      int port,
      Map<String, TokenSpec> tokens,
      List<UserSpec> users,
      Clock baseClock,
      long seed,
      int threads) {}

  /** A configured token; {@code userEmail} makes it a user token. */
  public record TokenSpec(boolean readOnly, @Nullable String userEmail) {}

  /** A configured user. */
  public record UserSpec(String email, @Nullable String name, String role) {}

  final ReentrantLock lock = new ReentrantLock();
  final Store store = new Store();
  final VirtualClock clock;
  final Timers timers = new Timers();
  final Ids ids;
  final Faults faults;
  final RateLimiter limiter = new RateLimiter();
  final IncidentEngine engine;
  private volatile RateLimits rateLimits = RateLimits.UNLIMITED;
  private OnCallResolver onCall = new EngineOnCall();
  private final Map<String, TokenSpec> tokens;
  private final Map<String, String> tokenUsers = new LinkedHashMap<>();
  private final List<ObjectNode> startupUsers = new ArrayList<>();
  private final Deque<RecordedRequest> journal = new ArrayDeque<>();
  private long journalSeq;
  private final Router router = new Router();
  private final Router control = new Router();
  private final HttpServer http;
  private final ExecutorService executor;
  private final String baseUrl;
  private volatile boolean closed;

  public FakeServer(Config config) throws IOException {
    this.clock = new VirtualClock(config.baseClock());
    this.ids = new Ids(config.seed());
    this.faults = new Faults(config.seed() ^ 0x5DEECE66DL);
    this.tokens = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config.tokens()));
    this.engine = new IncidentEngine(this);
    InetAddress addr = InetAddress.getByName(config.host());
    this.http = HttpServer.create(new InetSocketAddress(addr, config.port()), 128);
    int n = INSTANCES.incrementAndGet();
    AtomicInteger threadNo = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(Math.max(1, config.threads()), r -> {
      Thread t = new Thread(r, "pdkit-fake-" + n + "-" + threadNo.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    // Exchanges start on the server's dispatcher thread (the JDK default) and Events API posts
    // finish there: handing every request to a pool costs a thread wake-up per request, the
    // largest part of the fake's trigger latency above a bare JDK server. Everything else (REST,
    // the control API, fault delays, large or chunked bodies) moves to the worker pool; see handle().
    http.setExecutor(Runnable::run);
    http.createContext("/", this::handle);
    int port = http.getAddress().getPort();
    this.baseUrl = "http://" + (config.host().contains(":") ? "[" + config.host() + "]" : config.host()) + ":" + port;
    store.baseUrl = baseUrl;
    seedPriorities();
    for (UserSpec u : config.users()) {
      ObjectNode user = RestApi.newUser(this, u.email(), u.name(), u.role());
      startupUsers.add(user.deepCopy());
    }
    config.tokens().forEach((token, spec) -> {
      if (spec.userEmail() != null) {
        ObjectNode u = userByEmail(spec.userEmail());
        if (u == null) {
          throw new IllegalArgumentException("user token bound to an e-mail that is not a configured user: "
              + spec.userEmail());
        }
        tokenUsers.put(token, J.text(u, "id"));
      }
    });
    RestApi.register(router, this);
    IncidentApi.register(router, this);
    EventsApi.register(router, this);
    registerControl();
    http.start();
    LOG.debug("fake PagerDuty listening on {}", baseUrl);
  }

  /** The account's incident priorities, P1 (highest) to P5, as a new account has them. */
  private void seedPriorities() {
    String[][] ps = {{"P1", "Critical impact"}, {"P2", "High impact"}, {"P3", "Moderate impact"},
        {"P4", "Low impact"}, {"P5", "Minimal impact"}};
    for (String[] p : ps) {
      ObjectNode n = newEntity("priorities", "priority");
      n.put("summary", p[0]);
      store.stamp(n);
      n.put("name", p[0]);
      n.put("description", p[1]);
    }
  }

  public String baseUrl() {
    return baseUrl;
  }

  public int port() {
    return http.getAddress().getPort();
  }

  /**
   * The REST and Events routes this fake serves, as {@code "METHOD /template"} (the control API
   * under {@code /_fake/} is not included); the contract test checks each against PagerDuty's
   * OpenAPI documents.
   */
  public List<String> routes() {
    return router.describe();
  }

  /** The template of the API route a request would be dispatched to, or null when none matches. */
  public @Nullable String routeOf(String method, String path) {
    try {
      Router.Match m = router.match(method, path);
      return m.route().method() + " " + m.route().template();
    } catch (ApiError e) {
      return null;
    }
  }

  public VirtualClock clock() {
    return clock;
  }

  Instant now() {
    return clock.instant();
  }

  String nowTs() {
    return J.ts(clock.instant());
  }

  /** Replaces the on-call rule used for assignment and escalation. */
  public void onCallResolver(OnCallResolver resolver) {
    inLock(() -> {
      this.onCall = resolver;
      return null;
    });
  }

  OnCallResolver onCall() {
    return onCall;
  }

  /** Runs under the fake's lock, after firing due timers. */
  public <T> T inLock(Supplier<T> body) {
    lock.lock();
    try {
      timers.fireDue(clock, clock.instant());
      return body.get();
    } finally {
      lock.unlock();
    }
  }

  public Store store() {
    return store;
  }

  public Timers timers() {
    return timers;
  }

  // ------------------------------------------------------------------ controls

  /** Replaces the account's abilities ({@code GET /abilities}); a reset restores the defaults. */
  public void abilities(java.util.Collection<String> abilities) {
    inLock(() -> {
      store.abilities.clear();
      store.abilities.addAll(abilities);
      return null;
    });
  }

  /** The account's abilities. */
  public List<String> abilities() {
    return inLock(() -> List.copyOf(store.abilities));
  }

  public void reset() {
    inLock(() -> {
      store.clear();
      timers.clear();
      limiter.clear();
      for (ObjectNode u : startupUsers) {
        store.c("users").put(J.text(u, "id"), u.deepCopy());
      }
      seedPriorities();
      return null;
    });
    faults.clear();
    synchronized (journal) {
      journal.clear();
    }
  }

  public ObjectNode state() {
    return inLock(() -> {
      ObjectNode s = store.snapshot();
      s.put("now", nowTs());
      return s;
    });
  }

  public Instant advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("cannot advance the clock by a negative duration: " + d);
    }
    return inLock(() -> {
      Instant target = clock.instant().plus(d);
      timers.fireDue(clock, target);
      clock.advanceTo(target);
      return clock.instant();
    });
  }

  public void addFault(Fault f) {
    faults.add(f);
  }

  public void clearFaults() {
    faults.clear();
  }

  public List<Fault> faults() {
    return faults.list();
  }

  public List<RecordedRequest> requests() {
    synchronized (journal) {
      return List.copyOf(journal);
    }
  }

  public void clearRequests() {
    synchronized (journal) {
      journal.clear();
    }
  }

  public void rateLimits(RateLimits limits) {
    inLock(() -> {
      this.rateLimits = limits;
      limiter.clear();
      return null;
    });
  }

  public RateLimits rateLimits() {
    return rateLimits;
  }

  /** The first configured full-access token (account or user), or null when none is configured. */
  public @Nullable String firstFullAccessToken() {
    for (Map.Entry<String, TokenSpec> e : tokens.entrySet()) {
      if (!e.getValue().readOnly()) {
        return e.getKey();
      }
    }
    return null;
  }

  /** True when no tokens are configured (any token is accepted). */
  public boolean acceptsAnyToken() {
    return tokens.isEmpty();
  }

  /** The e-mail of the first startup user, or null. */
  public @Nullable String firstUserEmail() {
    return startupUsers.isEmpty() ? null : J.text(startupUsers.get(0), "email");
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    http.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ------------------------------------------------------------------ HTTP pipeline

  /** Bodies up to this size are read on the dispatcher thread; larger or unknown ones on a worker. */
  private static final long INLINE_BODY_MAX = 64 * 1024;

  private void handle(HttpExchange ex) throws IOException {
    String rawPath = ex.getRequestURI().getPath();
    boolean control = rawPath != null && rawPath.startsWith("/_fake");
    Fault fault = null;
    if (!control) {
      String p = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
      if (p.length() > 1 && p.endsWith("/")) {
        p = p.substring(0, p.length() - 1);
      }
      fault = faults.pick(ex.getRequestMethod().toUpperCase(Locale.ROOT), p);
    }
    // Only Events API posts (small, cheap, latency-sensitive) finish on the dispatcher thread; REST
    // answers (pages of entities to copy and serialise) run on the pool, in parallel.
    boolean inline = !control && rawPath != null && EventsApi.isEvents(rawPath) && (fault == null || fault.delayMs() == 0)
        && !bodyMayBlock(ex);
    if (!inline) {
      Fault picked = fault;
      try {
        executor.execute(() -> {
          try {
            serve(ex, picked);
          } catch (IOException | RuntimeException e) {
            LOG.debug("fake PagerDuty: exchange failed", e);
            ex.close();
          }
        });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        ex.close(); // closing down
      }
      return;
    }
    serve(ex, fault);
  }

  private static boolean bodyMayBlock(HttpExchange ex) {
    String len = ex.getRequestHeaders().getFirst("Content-Length");
    if (len == null) {
      return ex.getRequestHeaders().containsKey("Transfer-encoding"); // chunked: size unknown
    }
    try {
      return Long.parseLong(len.trim()) > INLINE_BODY_MAX;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private void serve(HttpExchange ex, @Nullable Fault fault) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
      String path = ex.getRequestURI().getPath();
      if (path == null || path.isEmpty()) {
        path = "/";
      }
      if (path.length() > 1 && path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      Map<String, List<String>> headers = new LinkedHashMap<>();
      ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readNBytes(EventsApi.MAX_BODY + 1024 * 1024);
      }
      Req req = new Req(method, path, ex.getRequestURI().getRawQuery(), headers, body);
      if (path.equals("/_fake") || path.startsWith("/_fake/")) {
        write(ex, dispatch(control, req, false));
        return;
      }
      Instant arrived = clock.instant();
      if (fault != null) {
        if (fault.delayMs() > 0) {
          try {
            Thread.sleep(fault.delayMs());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        if (fault.resetConnection()) {
          record(arrived, req, 0);
          return; // closing the exchange without a response drops the connection
        }
        if (fault.status() > 0) {
          Resp r = faultResponse(fault.status(), path);
          record(arrived, req, r.status);
          write(ex, r);
          return;
        }
      }
      Resp resp = dispatch(router, req, true);
      record(arrived, req, resp.status);
      write(ex, resp);
    } catch (RuntimeException e) {
      LOG.warn("fake PagerDuty failed on {} {}", ex.getRequestMethod(), ex.getRequestURI().getPath(), e);
      try {
        write(ex, Resp.error(ApiError.of(500, 2000, "Internal Server Error", String.valueOf(e))));
      } catch (IOException | RuntimeException ignored) {
        // the response may already be committed
      }
    }
  }

  private static Resp faultResponse(int status, String path) {
    if (path.startsWith("/v2/") || path.equals("/enqueue") || path.startsWith("/change/")) {
      ObjectNode b = J.obj();
      b.put("status", status == 429 ? "throttle event" : "error");
      b.put("message", status == 429 ? "Requests for this service are arriving too quickly. Please retry later."
          : "Injected fault");
      b.putArray("errors").add("fault injected by FakePagerDuty");
      return new Resp(status, b);
    }
    Resp r = Resp.error(ApiError.forStatus(status, "fault injected by FakePagerDuty"));
    if (status == 429) {
      r.header("ratelimit-limit", "960").header("ratelimit-remaining", "0").header("ratelimit-reset", "1")
          .header("retry-after", "1");
    }
    return r;
  }

  private Resp dispatch(Router r, Req req, boolean api) {
    lock.lock();
    try {
      timers.fireDue(clock, clock.instant());
      // HEAD is answered like GET, without a body (the JDK server drops it)
      Router.Match m = r.match(req.method.equals("HEAD") ? "GET" : req.method, req.path);
      req.params = m.params();
      RateLimiter.Decision decision = null;
      if (api && !EventsApi.isEvents(req.path)) {
        authenticate(req, m.route());
        decision = restRateLimit(req);
        if (decision != null && !decision.allowed()) {
          Resp r429 = Resp.error(ApiError.of(429, 2020, "Rate Limit Exceeded",
              "More than " + decision.limit() + " requests per minute with this API key; retry after "
                  + decision.resetSeconds() + " s"));
          return withLimitHeaders(r429, decision).header("retry-after", Long.toString(decision.resetSeconds()));
        }
      }
      Resp resp = m.route().handler().handle(req);
      // like PagerDuty, every rate-limited response carries the ratelimit-* headers
      return decision == null ? resp : withLimitHeaders(resp, decision);
    } catch (ApiError e) {
      return Resp.error(e);
    } finally {
      lock.unlock();
    }
  }

  private void authenticate(Req req, Router.Route route) {
    String auth = req.header("authorization");
    String token = parseToken(auth);
    if (token == null) {
      throw ApiError.of(401, 2006, "Authentication failed",
          "Missing or malformed Authorization header; send 'Authorization: Token token=<api key>'");
    }
    boolean readOnly;
    if (tokens.isEmpty()) {
      readOnly = false; // no tokens configured: any token is accepted as a full-access account token
    } else {
      TokenSpec spec = tokens.get(token);
      if (spec == null) {
        throw ApiError.of(401, 2006, "Authentication failed", "The API token is not valid for this account");
      }
      readOnly = spec.readOnly();
    }
    req.principal = new Req.Principal(token, readOnly, tokenUsers.get(token));
    if (readOnly && !req.method.equals("GET") && !req.method.equals("HEAD")) {
      throw ApiError.of(403, 2010, "Access Denied",
          "This is a read-only API key; " + req.method + " requests need a full-access key");
    }
    if (FROM_REQUIRED.contains(route.method() + " " + route.template())) {
      fromUser(req);
    }
  }

  static @Nullable String parseToken(@Nullable String auth) {
    if (auth == null) {
      return null;
    }
    String a = auth.trim();
    String t = null;
    if (a.regionMatches(true, 0, "Token token=", 0, 12)) {
      t = a.substring(12).trim();
      if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
        t = t.substring(1, t.length() - 1);
      }
    } else if (a.regionMatches(true, 0, "Bearer ", 0, 7)) {
      t = a.substring(7).trim();
    }
    return t == null || t.isEmpty() ? null : t;
  }

  /** The user named by {@code From} (or the token's user); 400 when missing or unknown. */
  ObjectNode fromUser(Req req) {
    String from = req.header("from");
    if (from == null || from.isBlank()) {
      String tokenUser = req.principal == null ? null : req.principal.userId();
      if (tokenUser != null && store.get("users", tokenUser) != null) {
        return store.get("users", tokenUser);
      }
      throw ApiError.of(400, 2001, "Invalid Input Provided",
          "The 'From' header is required for this operation: set it to the e-mail address of a user on the account");
    }
    ObjectNode u = userByEmail(from.trim());
    if (u == null) {
      throw ApiError.of(400, 2013, "User Not Found",
          "The 'From' header must be the e-mail address of a user on the account; no user has the e-mail "
              + from.trim());
    }
    return u;
  }

  /** The acting user for log entries: From, else the token's user, else null (account token). */
  @Nullable ObjectNode actingUser(Req req) {
    String from = req.header("from");
    if (from != null && !from.isBlank()) {
      ObjectNode u = userByEmail(from.trim());
      if (u != null) {
        return u;
      }
    }
    String tokenUser = req.principal == null ? null : req.principal.userId();
    return tokenUser == null ? null : store.get("users", tokenUser);
  }

  @Nullable ObjectNode userByEmail(String email) {
    for (ObjectNode u : store.c("users").values()) {
      if (email.equalsIgnoreCase(J.text(u, "email"))) {
        return u;
      }
    }
    return null;
  }

  /** The REST rate-limit decision for this token, or null when REST is unlimited. */
  private RateLimiter.@Nullable Decision restRateLimit(Req req) {
    Integer limit = rateLimits.restPerMinute();
    if (limit == null || req.principal == null) {
      return null;
    }
    return limiter.acquire("rest:" + req.principal.token(), limit, clock.instant());
  }

  static Resp withLimitHeaders(Resp r, RateLimiter.Decision d) {
    return r.header("ratelimit-limit", Integer.toString(d.limit()))
        .header("ratelimit-remaining", Integer.toString(d.remaining()))
        .header("ratelimit-reset", Long.toString(d.resetSeconds()));
  }

  private void record(Instant at, Req req, int status) {
    Map<String, List<String>> headers = new LinkedHashMap<>(req.headers);
    List<String> auth = headers.get("authorization");
    if (auth != null) {
      headers.put("authorization", auth.stream().map(FakeServer::redactAuth).toList());
    }
    synchronized (journal) {
      journal.addLast(new RecordedRequest(++journalSeq, at, req.method, req.path, req.rawQuery, headers, req.body, status));
      while (journal.size() > JOURNAL_MAX) {
        journal.pollFirst();
      }
    }
  }

  private static String redactAuth(String v) {
    int sp = v.indexOf(v.regionMatches(true, 0, "Token", 0, 5) ? '=' : ' ');
    return sp < 0 ? "<redacted>" : v.substring(0, sp + 1) + "<redacted>";
  }

  private void write(HttpExchange ex, Resp r) throws IOException {
    var h = ex.getResponseHeaders();
    r.headers.forEach(h::set);
    if (r.body == null || r.status == 204 || ex.getRequestMethod().equalsIgnoreCase("HEAD")) {
      if (r.body != null) {
        h.set("Content-Type", "application/json; charset=utf-8");
      }
      ex.sendResponseHeaders(r.status, -1);
      return;
    }
    byte[] bytes = J.bytes(r.body);
    h.set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(r.status, bytes.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(bytes);
    }
  }

  // ------------------------------------------------------------------ shared helpers for the APIs

  /** Creates, stamps and stores a new entity of a type in a collection. */
  ObjectNode newEntity(String collection, String type) {
    ObjectNode n = J.obj();
    String id = ids.next();
    n.put("id", id);
    n.put("type", type);
    n.put("summary", "");
    n.put("_seq", store.nextSeq());
    store.c(collection).put(id, n);
    return n;
  }

  /** Include names ({@code include[]}) mapped to the collections whose references they expand. */
  static Set<String> includes(Req req) {
    Set<String> out = new HashSet<>();
    for (String inc : req.qs("include")) {
      switch (inc) {
        case "services" -> out.add("services");
        case "escalation_policies" -> out.add("escalation_policies");
        case "teams" -> out.add("teams");
        case "users", "assignees", "acknowledgers", "agents" -> out.add("users");
        case "schedules" -> out.add("schedules");
        case "targets" -> {
          out.add("users");
          out.add("schedules");
        }
        case "integrations" -> out.add("integrations");
        case "first_trigger_log_entries" -> out.add("log_entries");
        case "incidents" -> out.add("incidents");
        case "priorities" -> out.add("priorities");
        default -> { /* channels, priorities, ...: nothing to expand in the fake */ }
      }
    }
    return out;
  }

  /** Classic offset pagination over already filtered and sorted entities. */
  Resp page(Req req, String key, List<ObjectNode> items) {
    return Resp.ok(pageBody(req, key, items, includes(req)));
  }

  ObjectNode pageBody(Req req, String key, List<ObjectNode> items, Set<String> inc) {
    int limit = intParam(req, "limit", 25);
    int offset = intParam(req, "offset", 0);
    if (limit < 1) {
      throw ApiError.invalid("limit must be >= 1");
    }
    if (offset < 0) {
      throw ApiError.invalid("offset must be >= 0");
    }
    limit = Math.min(limit, 100);
    if ((long) offset + limit > 10_000) {
      throw ApiError.of(400, 2001, "Invalid Input Provided",
          "Offset must be less than or equal to 10000 - limit; offset + limit may not exceed 10000 (got "
              + (offset + limit) + "). Narrow the query with filters instead of paging further.");
    }
    ObjectNode body = J.obj();
    ArrayNode arr = body.putArray(key);
    for (int i = offset; i < Math.min(items.size(), offset + limit); i++) {
      arr.add(store.view(items.get(i), inc));
    }
    body.put("limit", limit);
    body.put("offset", offset);
    body.put("more", offset + limit < items.size());
    if (req.qBool("total")) {
      body.put("total", items.size());
    } else {
      body.putNull("total");
    }
    return body;
  }

  static int intParam(Req req, String name, int dflt) {
    String v = req.q(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw ApiError.invalid(name + " must be an integer (got '" + v + "')");
    }
  }

  /** Appends an audit record for a change to a top-level resource. */
  void audit(Req req, String action, ObjectNode entity, List<String> fields) {
    audit(req, action, entity, fields, null);
  }

  /** Appends an audit record; {@code before} (for updates) supplies {@code before_value}s. */
  void audit(Req req, String action, ObjectNode entity, List<String> fields, @Nullable ObjectNode before) {
    ObjectNode r = newEntity("audit_records", "audit_record");
    r.remove("summary");
    r.remove("type");
    r.put("execution_time", nowTs());
    ObjectNode ctx = r.putObject("execution_context");
    ctx.put("request_id", ids.uuid());
    ctx.put("remote_address", "127.0.0.1");
    ArrayNode actors = r.putArray("actors");
    ObjectNode user = actingUser(req);
    if (user != null) {
      actors.add(store.ref(user));
    } else {
      ObjectNode key = actors.addObject();
      key.put("id", "PAPIKEY");
      key.put("type", "api_key_reference");
      key.put("summary", "API key");
    }
    ObjectNode m = r.putObject("method");
    m.put("type", "api_token");
    m.put("truncated_token", req.principal == null ? "" : truncated(req.principal.token()));
    r.set("root_resource", store.ref(entity));
    r.put("action", action);
    ObjectNode details = r.putObject("details");
    details.set("resource", store.ref(entity));
    ArrayNode fs = details.putArray("fields");
    for (String f : fields) {
      ObjectNode fo = fs.addObject();
      fo.put("name", f);
      JsonNode v = entity.get(f);
      if (v != null && v.isValueNode() && !action.equals("delete")) {
        fo.put("value", v.isNull() ? null : v.asText());
      }
      JsonNode b = before != null ? before.get(f) : action.equals("delete") ? entity.get(f) : null;
      if (b != null && b.isValueNode()) {
        fo.put("before_value", b.isNull() ? null : b.asText());
      }
    }
    details.putArray("references");
    r.put("_root_type", J.text(entity, "type"));
    r.put("_root_id", J.text(entity, "id"));
  }

  /** PagerDuty returns the token's last 4 characters; short (test) tokens are not revealed at all. */
  private static String truncated(String token) {
    return token.length() < 12 ? "****" : token.substring(token.length() - 4);
  }

  static String cursorOf(int offset) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static int offsetOfCursor(@Nullable String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return 0;
    }
    try {
      String s = new String(Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
      if (s.startsWith("o:")) {
        return Integer.parseInt(s.substring(2));
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw ApiError.invalid("cursor is not a cursor this server issued; pass next_cursor from the previous page");
  }

  // ------------------------------------------------------------------ control API

  private void registerControl() {
    control.add("POST", "/_fake/reset", req -> {
      reset(); // the lock is reentrant
      return Resp.noContent();
    });
    control.add("GET", "/_fake/state", req -> {
      ObjectNode s = store.snapshot();
      s.put("now", nowTs());
      return Resp.ok(s);
    });
    control.add("GET", "/_fake/clock", req -> Resp.ok(nowBody()));
    control.add("POST", "/_fake/clock/advance", req -> {
      String secs = req.q("seconds");
      JsonNode b = req.body.length > 0 ? req.json() : null;
      if (secs == null && b != null && b.has("seconds")) {
        secs = b.get("seconds").asText();
      }
      if (secs == null) {
        throw ApiError.invalid("seconds is required: POST /_fake/clock/advance?seconds=N");
      }
      double s;
      try {
        s = Double.parseDouble(secs);
      } catch (NumberFormatException e) {
        throw ApiError.invalid("seconds must be a number (got '" + secs + "')");
      }
      if (s < 0 || Double.isNaN(s) || Double.isInfinite(s)) {
        throw ApiError.invalid("seconds must be >= 0; the virtual clock never goes back");
      }
      Instant target = clock.instant().plus(Duration.ofMillis(Math.round(s * 1000)));
      timers.fireDue(clock, target);
      clock.advanceTo(target);
      return Resp.ok(nowBody());
    });
    control.add("POST", "/_fake/faults", req -> {
      JsonNode b = req.json();
      if (!b.isObject()) {
        throw ApiError.invalid("body must be a fault object {method,path,status,times,probability,delay_ms,reset_connection,skip}");
      }
      Fault f;
      try {
        f = new Fault(
            J.text(b, "method"),
            b.hasNonNull("path") ? b.get("path").asText() : "/",
            b.path("status").asInt(0),
            b.path("times").asInt(0),
            b.has("probability") ? b.get("probability").asDouble() : 1.0,
            b.path("delay_ms").asLong(0),
            b.path("reset_connection").asBoolean(false),
            b.path("skip").asInt(0));
      } catch (IllegalArgumentException e) {
        throw ApiError.invalid(e.getMessage());
      }
      faults.add(f);
      ObjectNode out = J.obj();
      out.set("fault", faultJson(f));
      return Resp.created(out);
    });
    control.add("GET", "/_fake/faults", req -> {
      ObjectNode out = J.obj();
      ArrayNode a = out.putArray("faults");
      faults.list().forEach(f -> a.add(faultJson(f)));
      return Resp.ok(out);
    });
    control.add("DELETE", "/_fake/faults", req -> {
      faults.clear();
      return Resp.noContent();
    });
    control.add("GET", "/_fake/requests", req -> {
      ObjectNode out = J.obj();
      ArrayNode a = out.putArray("requests");
      for (RecordedRequest r : requests()) {
        ObjectNode o = a.addObject();
        o.put("sequence", r.sequence());
        o.put("at", J.ts(r.at()));
        o.put("method", r.method());
        o.put("path", r.path());
        o.put("query", r.query());
        ObjectNode hs = o.putObject("headers");
        r.headers().forEach((k, v) -> {
          ArrayNode va = hs.putArray(k);
          v.forEach(va::add);
        });
        o.put("body", r.bodyText());
        o.put("status", r.status());
      }
      return Resp.ok(out);
    });
    control.add("DELETE", "/_fake/requests", req -> {
      clearRequests();
      return Resp.noContent();
    });
    control.add("POST", "/_fake/rate-limits", req -> {
      JsonNode b = req.body.length == 0 ? J.obj() : req.json();
      if (!b.isObject()) {
        throw ApiError.invalid("body must be {\"rest_per_minute\":N,\"events_per_minute_per_key\":N}");
      }
      try {
        rateLimits = new RateLimits(
            b.hasNonNull("rest_per_minute") ? b.get("rest_per_minute").asInt() : null,
            b.hasNonNull("events_per_minute_per_key") ? b.get("events_per_minute_per_key").asInt() : null);
      } catch (IllegalArgumentException e) {
        throw ApiError.invalid(e.getMessage());
      }
      limiter.clear();
      return Resp.ok(limitsJson());
    });
    control.add("GET", "/_fake/rate-limits", req -> Resp.ok(limitsJson()));
  }

  private ObjectNode nowBody() {
    ObjectNode o = J.obj();
    o.put("now", nowTs());
    return o;
  }

  private ObjectNode limitsJson() {
    ObjectNode o = J.obj();
    RateLimits l = rateLimits;
    if (l.restPerMinute() == null) {
      o.putNull("rest_per_minute");
    } else {
      o.put("rest_per_minute", l.restPerMinute());
    }
    if (l.eventsPerMinutePerKey() == null) {
      o.putNull("events_per_minute_per_key");
    } else {
      o.put("events_per_minute_per_key", l.eventsPerMinutePerKey());
    }
    return o;
  }

  private static ObjectNode faultJson(Fault f) {
    ObjectNode o = J.obj();
    o.put("method", f.method());
    o.put("path", f.path());
    o.put("status", f.status());
    o.put("times", f.times());
    o.put("probability", f.probability());
    o.put("delay_ms", f.delayMs());
    o.put("reset_connection", f.resetConnection());
    o.put("skip", f.skip());
    return o;
  }
}
