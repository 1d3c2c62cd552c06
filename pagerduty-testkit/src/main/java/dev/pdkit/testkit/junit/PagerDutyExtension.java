package dev.pdkit.testkit.junit;

import dev.pdkit.PagerDuty;
import dev.pdkit.RetryPolicy;
import dev.pdkit.spi.RateLimiter;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.RateLimits;
import java.lang.reflect.AnnotatedElement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension running tests against a {@link FakePagerDuty} and injecting parameters of type
 * {@code FakePagerDuty} and {@link PagerDuty} (a client pointed at the fake).
 *
 * <p>Use it declaratively with {@link PagerDutyTest @PagerDutyTest} (one fake per class), or
 * programmatically with {@code @RegisterExtension}:
 *
 * <pre>{@code
 * // static field: one fake for the whole class, reset before every test
 * @RegisterExtension
 * static PagerDutyExtension pagerDuty = PagerDutyExtension.builder()
 *     .token("test-token").user("ops@example.com").build();
 *
 * // instance field: a fresh fake for every test, stopped after it
 * @RegisterExtension
 * PagerDutyExtension perTest = PagerDutyExtension.builder().build();
 * }</pre>
 *
 * <p>A shared fake is {@linkplain FakePagerDuty#reset() reset} (state, faults, journal) and its
 * rate limits are switched off before each test (unless {@link Builder#resetBetweenTests(boolean)} is
 * false), before the test's own {@code @BeforeEach} methods run: seed data in {@code @BeforeEach}.
 * The virtual clock is not rewound by a reset. A shared fake does not support tests of one class
 * running concurrently.
 *
 * <p>The injected client uses {@link FakePagerDuty#apiToken()} (or the first read-only token when
 * there is no other), the first user as {@code From}, and fast retries (4 attempts, 10–100 ms
 * backoff, server-sent delays not honoured since the fake's clock is virtual), and no client-side
 * rate limit: the fake's own limits (off unless a test sets them with {@link
 * FakePagerDuty#setRateLimits}) are the ones that apply, so a test does not wait out PagerDuty's 960
 * requests a minute on loopback. Change any of it with {@link Builder#client(Consumer)}.
 */
public final class PagerDutyExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PagerDutyExtension.class);
  private static final String KEY = "fake";

  /** Injected clients do not pace themselves: the fake's limits, when a test sets them, apply. */
  static final RateLimiter.Limit NO_CLIENT_LIMIT = RateLimiter.Limit.perMinute(Long.MAX_VALUE / 2);

  /** The retry policy of injected clients. */
  static final RetryPolicy TEST_RETRIES = RetryPolicy.custom()
      .maxAttempts(4)
      .initialBackoff(Duration.ofMillis(10))
      .maxBackoff(Duration.ofMillis(100))
      .maxElapsed(Duration.ofSeconds(10))
      .honorServerDelay(false)
      .build();

  private final @Nullable Config config;
  // programmatic mode only
  private @Nullable Holder shared;
  private int sharedDepth;
  private @Nullable Holder perTest;

  /** Used by JUnit for {@link PagerDutyTest @PagerDutyTest}; prefer {@link #builder()} in code. */
  public PagerDutyExtension() {
    this.config = null;
  }

  private PagerDutyExtension(Config config) {
    this.config = config;
  }

  /** A builder for use with {@code @RegisterExtension}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The fake of the running test (programmatic mode).
   *
   * @throws IllegalStateException outside a test or when used through {@code @PagerDutyTest}
   */
  public FakePagerDuty fake() {
    return current("fake()").fake;
  }

  /**
   * The client pointed at the fake of the running test (programmatic mode).
   *
   * @throws IllegalStateException outside a test or when used through {@code @PagerDutyTest}
   */
  public PagerDuty client() {
    return current("client()").client;
  }

  private Holder current(String what) {
    if (config == null) {
      throw new IllegalStateException(what + " is for @RegisterExtension; with @PagerDutyTest declare a "
          + "FakePagerDuty or PagerDuty parameter instead");
    }
    Holder h = perTest != null ? perTest : shared;
    if (h == null) {
      throw new IllegalStateException(what + ": no fake is running; call it from a test or a lifecycle "
          + "method (a per-test fake, from an instance field, starts before @BeforeEach)");
    }
    return h;
  }

  // ------------------------------------------------------------------ callbacks

  @Override
  public void beforeAll(ExtensionContext context) {
    if (config != null) {
      if (shared == null) {
        shared = Holder.start(config);
      }
      sharedDepth++;
      return;
    }
    if (context.getStore(NS).get(KEY, Holder.class) != null) {
      return; // @Nested: the enclosing class's fake (store lookups reach parent contexts)
    }
    Config c = annotationConfig(context);
    context.getStore(NS).put(KEY, Holder.start(c));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (config != null) {
      if (--sharedDepth <= 0 && shared != null) {
        Holder h = shared;
        shared = null;
        sharedDepth = 0;
        h.close();
      }
    }
    // annotation mode: the store closes the holder with its class context
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (config != null) {
      if (shared != null) {
        if (config.resetBetweenTests) {
          shared.reset();
        }
      } else {
        perTest = Holder.start(config);
      }
      return;
    }
    Holder h = context.getStore(NS).get(KEY, Holder.class);
    if (h != null) {
      h.reset();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (config != null && perTest != null) {
      Holder h = perTest;
      perTest = null;
      h.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == FakePagerDuty.class || type == PagerDuty.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Holder h;
    if (config != null) {
      h = perTest != null ? perTest : shared;
    } else {
      h = extensionContext.getStore(NS).get(KEY, Holder.class);
    }
    if (h == null) {
      throw new ParameterResolutionException("no FakePagerDuty is running for "
          + parameterContext.getDeclaringExecutable() + ": a fake registered from an instance field starts "
          + "per test, so it cannot be injected into constructors or @BeforeAll methods; use a static "
          + "@RegisterExtension field or @PagerDutyTest");
    }
    return parameterContext.getParameter().getType() == FakePagerDuty.class ? h.fake : h.client;
  }

  private static Config annotationConfig(ExtensionContext context) {
    Optional<PagerDutyTest> ann = Optional.empty();
    for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent() && ann.isEmpty();
        c = c.get().getParent()) {
      Optional<AnnotatedElement> el = c.get().getElement();
      if (el.isPresent()) {
        ann = AnnotationSupport.findAnnotation(el.get(), PagerDutyTest.class);
      }
    }
    Builder b = builder();
    ann.ifPresent(a -> {
      for (String t : a.tokens()) {
        b.token(t);
      }
      for (String t : a.readOnlyTokens()) {
        b.readOnlyToken(t);
      }
      for (String u : a.users()) {
        b.user(u);
      }
      b.seed(a.seed());
    });
    return b.config();
  }

  // ------------------------------------------------------------------ state

  private record Config(
      List<String> tokens,
      List<String> readOnlyTokens,
      List<String> users,
      long seed,
      @Nullable Clock clock,
      boolean resetBetweenTests,
      List<Consumer<FakePagerDuty.Builder>> fakeCustomizers,
      List<Consumer<PagerDuty.Builder>> clientCustomizers) {}

  /** One running fake and its client; closed together. */
  private static final class Holder implements AutoCloseable {
    final FakePagerDuty fake;
    final PagerDuty client;

    private Holder(FakePagerDuty fake, PagerDuty client) {
      this.fake = fake;
      this.client = client;
    }

    static Holder start(Config c) {
      FakePagerDuty.Builder fb = FakePagerDuty.builder().seed(c.seed);
      c.tokens.forEach(fb::token);
      c.readOnlyTokens.forEach(fb::readOnlyToken);
      c.users.forEach(fb::user);
      if (c.clock != null) {
        fb.clock(c.clock);
      }
      c.fakeCustomizers.forEach(f -> f.accept(fb));
      FakePagerDuty fake = fb.start();
      try {
        String token = c.tokens.isEmpty() && !c.readOnlyTokens.isEmpty() ? c.readOnlyTokens.get(0) : fake.apiToken();
        PagerDuty.Builder pb = PagerDuty.builder()
            .apiToken(token)
            .apiUrl(fake.baseUrl())
            .eventsUrl(fake.baseUrl())
            .retryPolicy(TEST_RETRIES)
            .restRateLimit(NO_CLIENT_LIMIT)
            .eventsRateLimit(NO_CLIENT_LIMIT);
        String from = fake.adminEmail();
        if (from != null) {
          pb.from(from);
        }
        c.clientCustomizers.forEach(f -> f.accept(pb));
        return new Holder(fake, pb.build());
      } catch (RuntimeException e) {
        fake.close();
        throw e;
      }
    }

    void reset() {
      fake.reset();
      fake.setRateLimits(RateLimits.UNLIMITED);
    }

    @Override
    public void close() {
      try {
        client.close();
      } finally {
        fake.close();
      }
    }
  }

  /** Builder for a programmatically registered {@link PagerDutyExtension}. */
  public static final class Builder {
    private final List<String> tokens = new ArrayList<>();
    private final List<String> readOnlyTokens = new ArrayList<>();
    private final List<String> users = new ArrayList<>();
    private long seed = 42L;
    private @Nullable Clock clock;
    private boolean resetBetweenTests = true;
    private final List<Consumer<FakePagerDuty.Builder>> fakeCustomizers = new ArrayList<>();
    private final List<Consumer<PagerDuty.Builder>> clientCustomizers = new ArrayList<>();

    private Builder() {}

    /** Adds a full-access API token (see {@link FakePagerDuty.Builder#token(String)}). Repeatable. */
    public Builder token(String token) {
      tokens.add(Objects.requireNonNull(token, "token"));
      return this;
    }

    /** Adds a read-only API token. Repeatable. */
    public Builder readOnlyToken(String token) {
      readOnlyTokens.add(Objects.requireNonNull(token, "token"));
      return this;
    }

    /** Adds a startup user; the first one is an admin and the client's {@code From}. Repeatable. */
    public Builder user(String email) {
      users.add(Objects.requireNonNull(email, "email"));
      return this;
    }

    /** Seed for ids and keys (default 42). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Base of the fake's virtual clock (see {@link FakePagerDuty.Builder#clock(Clock)}). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Whether a shared (static) fake is reset before each test; default true. */
    public Builder resetBetweenTests(boolean reset) {
      this.resetBetweenTests = reset;
      return this;
    }

    /** Further settings of the fake, applied after the ones above. */
    public Builder fake(Consumer<FakePagerDuty.Builder> customizer) {
      fakeCustomizers.add(Objects.requireNonNull(customizer, "customizer"));
      return this;
    }

    /** Further settings of the injected client (retries, timeouts, From, ...), applied last. */
    public Builder client(Consumer<PagerDuty.Builder> customizer) {
      clientCustomizers.add(Objects.requireNonNull(customizer, "customizer"));
      return this;
    }

    /** The extension; the fake starts when JUnit calls it. */
    public PagerDutyExtension build() {
      return new PagerDutyExtension(config());
    }

    private Config config() {
      return new Config(List.copyOf(tokens), List.copyOf(readOnlyTokens), List.copyOf(users), seed, clock,
          resetBetweenTests, List.copyOf(fakeCustomizers), List.copyOf(clientCustomizers));
    }
  }
}
