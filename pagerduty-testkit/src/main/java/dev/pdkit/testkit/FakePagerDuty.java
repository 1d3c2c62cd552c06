package dev.pdkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdkit.testkit.internal.FakeServer;
import dev.pdkit.testkit.internal.Seeding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A stateful, in-memory PagerDuty served over HTTP on loopback: REST v2 at {@link #baseUrl()},
 * Events API v2 at {@code /v2/enqueue} and {@code /v2/change/enqueue} on the same port, and a
 * control API under {@code /_fake/}.
 *
 * <pre>{@code
 * try (FakePagerDuty fake = FakePagerDuty.builder().token("test-token").user("ops@example.com").start()) {
 *   SeededService svc = fake.seedService("checkout");
 *   // PagerDuty.builder().apiUrl(fake.baseUrl()).eventsUrl(fake.eventsUrl()).apiToken(fake.apiToken())...
 *   // send events with svc.integrationKey()
 *   fake.advanceClock(Duration.ofMinutes(30)); // escalations due by then fire
 * }
 * }</pre>
 *
 * <p><b>Time.</b> Every timestamp and timer comes from a virtual clock. By default it starts at the
 * real current time and stands still until {@link #advanceClock(Duration)}; pass a ticking clock to
 * {@link Builder#clock(Clock)} to let it flow (advancing then jumps ahead of it).
 *
 * <p><b>Auth.</b> REST calls need {@code Authorization: Token token=X} or {@code Bearer X}. With no
 * {@link Builder#token(String) tokens} configured any non-empty token is accepted; otherwise unknown
 * tokens get 401 and {@link Builder#readOnlyToken(String) read-only} tokens get 403 on writes.
 *
 * <p><b>Thread-safety.</b> All methods are thread-safe; one lock guards the state of one fake. Many
 * fakes can run in one JVM. {@link #close()} is idempotent.
 */
public final class FakePagerDuty implements AutoCloseable {
  private final FakeServer server;

  private FakePagerDuty(FakeServer server) {
    this.server = server;
  }

  /** A new builder (ephemeral port, no tokens, no users, clock frozen at the current time). */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a fake with the defaults of {@link #builder()}. */
  public static FakePagerDuty start() {
    return builder().start();
  }

  /** REST base URL, e.g. {@code http://127.0.0.1:41234}. */
  public URI baseUrl() {
    return URI.create(server.baseUrl());
  }

  /**
   * Events API v2 base URL, in the SDK's convention ({@code https://events.pagerduty.com}): the same
   * origin as {@link #baseUrl()}; events go to {@code eventsUrl() + "/v2/enqueue"} and
   * {@code "/v2/change/enqueue"}, so {@code PagerDuty.builder().eventsUrl(fake.eventsUrl())} works.
   */
  public URI eventsUrl() {
    return URI.create(server.baseUrl());
  }

  /**
   * A token a client can use: the first full-access token given to the builder, or
   * {@code "pdkit-fake-token"} when none was configured (then any token is accepted).
   *
   * @throws IllegalStateException if only read-only tokens were configured
   */
  public String apiToken() {
    String t = server.firstFullAccessToken();
    if (t != null) {
      return t;
    }
    if (server.acceptsAnyToken()) {
      return "pdkit-fake-token";
    }
    throw new IllegalStateException("only read-only tokens are configured; add one with Builder.token(...)");
  }

  /** The e-mail of the first startup user (the admin), for the {@code From} header; null when none. */
  public @Nullable String adminEmail() {
    return server.firstUserEmail();
  }

  /** The port the fake listens on. */
  public int port() {
    return server.port();
  }

  /** The virtual clock (UTC). */
  public Clock clock() {
    return server.clock();
  }

  /** The current virtual time. */
  public Instant now() {
    return server.clock().instant();
  }

  /**
   * Moves the virtual clock forward, firing every timer due on the way in order (escalations,
   * acknowledgement timeouts, snooze wake-ups, auto-resolve), each at its own due time.
   *
   * @return the new virtual time
   * @throws IllegalArgumentException if {@code by} is negative
   */
  public Instant advanceClock(Duration by) {
    Objects.requireNonNull(by, "by");
    return server.advance(by);
  }

  /** Forgets all state except the startup tokens and users; clears faults and the journal. */
  public void reset() {
    server.reset();
  }

  /**
   * A JSON snapshot of every entity, by collection ({@code users}, {@code services}, {@code incidents},
   * {@code alerts}, {@code log_entries}, ...), including bookkeeping fields prefixed with {@code _}
   * (such as an incident's {@code _escalation_level}), plus {@code now}.
   */
  public ObjectNode state() {
    return server.state();
  }

  /** Adds a fault rule; see {@link Fault}. */
  public void addFault(Fault fault) {
    server.addFault(Objects.requireNonNull(fault, "fault"));
  }

  /** Removes all fault rules. */
  public void clearFaults() {
    server.clearFaults();
  }

  /** The journal of API requests (not control calls), oldest first; at most the last 10,000. */
  public List<RecordedRequest> requests() {
    return server.requests();
  }

  /** Empties the request journal. */
  public void clearRequests() {
    server.clearRequests();
  }

  /** Sets rate-limit emulation; {@link RateLimits#UNLIMITED} turns it off. */
  public void setRateLimits(RateLimits limits) {
    server.rateLimits(Objects.requireNonNull(limits, "limits"));
  }

  /**
   * Sets the account's abilities ({@code GET /abilities}); features that need a missing one answer
   * 402 (e.g. responder requests without {@code coordinated_responding}). {@link #reset()} restores
   * the defaults, which include every ability the fake emulates.
   */
  public void setAbilities(java.util.Collection<String> abilities) {
    for (String a : Objects.requireNonNull(abilities, "abilities")) {
      Objects.requireNonNull(a, "abilities[]");
    }
    server.abilities(abilities);
  }

  /** The account's abilities. */
  public List<String> abilities() {
    return server.abilities();
  }

  /** The current rate limits. */
  public RateLimits rateLimits() {
    return server.rateLimits();
  }

  // ------------------------------------------------------------------ seeding

  /** Creates a user with the role {@code user}; returns its id. */
  public String seedUser(String email) {
    return seedUser(email, null, "user");
  }

  /** Creates a user; {@code name} defaults to one derived from the e-mail. Returns its id. */
  public String seedUser(String email, @Nullable String name, String role) {
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(role, "role");
    return Seeding.user(server, email, name, role);
  }

  /** The id of the user with this e-mail, or null. */
  public @Nullable String userId(String email) {
    return Seeding.userId(server, Objects.requireNonNull(email, "email"));
  }

  /**
   * Creates an escalation policy with one rule (30 minutes) targeting the users; returns its id.
   *
   * @param name policy name
   * @param userIds user ids of the first (only) level; at least one
   */
  public String seedEscalationPolicy(String name, String... userIds) {
    Objects.requireNonNull(name, "name");
    return Seeding.escalationPolicy(server, name, List.of(List.of(userIds)), 30, 0);
  }

  /**
   * Creates an escalation policy with one rule per level.
   *
   * @param name policy name
   * @param levels user ids per level, level 1 first
   * @param delayMinutes escalation delay of every rule
   * @param numLoops how often the policy repeats after the last rule
   */
  public String seedEscalationPolicy(String name, List<List<String>> levels, int delayMinutes, int numLoops) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(levels, "levels");
    return Seeding.escalationPolicy(server, name, levels, delayMinutes, numLoops);
  }

  /**
   * Creates a service with an escalation policy (targeting the first startup user, or a new
   * {@code oncall@example.com} user when there is none) and an Events API v2 integration.
   */
  public SeededService seedService(String name) {
    Objects.requireNonNull(name, "name");
    return Seeding.service(server, name, null);
  }

  /** Creates a service on an existing escalation policy, with an Events API v2 integration. */
  public SeededService seedService(String name, String escalationPolicyId) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(escalationPolicyId, "escalationPolicyId");
    return Seeding.service(server, name, escalationPolicyId);
  }

  /** All incidents (public view), oldest first. */
  public List<JsonNode> incidents() {
    return Seeding.list(server, "incidents");
  }

  /** All alerts (public view), oldest first. */
  public List<JsonNode> alerts() {
    return Seeding.list(server, "alerts");
  }

  /** All change events received (public view), oldest first. */
  public List<JsonNode> changeEvents() {
    return Seeding.list(server, "change_events");
  }

  /** The underlying server, for other testkit packages. Not part of the supported API. */
  FakeServer server() {
    return server;
  }

  /** Stops the server. Idempotent. */
  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "FakePagerDuty[" + server.baseUrl() + "]";
  }

  /** Builder for {@link FakePagerDuty}. */
  public static final class Builder {
    private int port;
    private final Map<String, FakeServer.TokenSpec> tokens = new LinkedHashMap<>();
    private final List<FakeServer.UserSpec> users = new ArrayList<>();
    private @Nullable Clock clock;
    private long seed = 42L;
    private int threads = 4;

    private Builder() {}

    /** Port to bind on 127.0.0.1; 0 (default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be within 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /** Adds a full-access account API token. Repeatable. */
    public Builder token(String token) {
      tokens.put(requireToken(token), new FakeServer.TokenSpec(false, null));
      return this;
    }

    /** Adds a read-only API token (GET only; other methods get 403). Repeatable. */
    public Builder readOnlyToken(String token) {
      tokens.put(requireToken(token), new FakeServer.TokenSpec(true, null));
      return this;
    }

    /**
     * Adds a full-access user API token acting as the user with this e-mail ({@code GET /users/me},
     * {@code From} optional). The user must also be added with {@link #user(String)}.
     */
    public Builder userToken(String token, String email) {
      Objects.requireNonNull(email, "email");
      tokens.put(requireToken(token), new FakeServer.TokenSpec(false, email));
      return this;
    }

    /** Adds a startup user (kept across {@link #reset()}); the first one is an admin. Repeatable. */
    public Builder user(String email) {
      Objects.requireNonNull(email, "email");
      if (!email.contains("@")) {
        throw new IllegalArgumentException("user must be an e-mail address, got '" + email + "'");
      }
      users.add(new FakeServer.UserSpec(email, null, users.isEmpty() ? "admin" : "user"));
      return this;
    }

    /**
     * The base of the virtual clock. Default: fixed at the real current time (time stands still
     * until advanced). A ticking clock such as {@code Clock.systemUTC()} lets time flow.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Seed for ids, keys and fault probabilities (default 42): same seed, same ids. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** HTTP worker threads (default 4). */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1, got " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Starts the server.
     *
     * @throws UncheckedIOException if the port cannot be bound
     */
    public FakePagerDuty start() {
      Clock base = clock != null ? clock : Clock.fixed(Instant.now(), ZoneOffset.UTC);
      try {
        return new FakePagerDuty(new FakeServer(new FakeServer.Config(
            "127.0.0.1", port, tokens, users, base, seed, threads)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start FakePagerDuty on 127.0.0.1:" + port + ": " + e.getMessage(), e);
      }
    }

    private static String requireToken(String token) {
      Objects.requireNonNull(token, "token");
      if (token.isBlank() || token.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("token must be non-empty without whitespace");
      }
      return token;
    }
  }
}
