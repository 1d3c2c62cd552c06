package dev.pdkit.internal.rest;

import static dev.pdkit.internal.rest.Requests.member;
import static dev.pdkit.internal.rest.Requests.request;
import static dev.pdkit.internal.rest.Requests.wrap;

import dev.pdkit.internal.ClientContext;
import dev.pdkit.internal.http.ApiRequest;
import dev.pdkit.model.User;
import dev.pdkit.rest.ListQuery;
import dev.pdkit.rest.Paginated;
import dev.pdkit.rest.Users;
import dev.pdkit.spi.CacheProvider;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** {@link Users} over the client's transport, with the e-mail lookup cached. */
public final class UsersImpl implements Users {
  /** Name of the cache holding users by lower-case e-mail. */
  public static final String CACHE_NAME = "users-by-email";
  static final Duration CACHE_TTL = Duration.ofMinutes(10);
  static final long CACHE_MAX = 10_000;

  private final ClientContext ctx;
  private volatile CacheProvider.@Nullable Cache<User> byEmail;

  public UsersImpl(ClientContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
  }

  /** Created on first use, so a client that never looks users up asks its provider for nothing. */
  private CacheProvider.Cache<User> byEmail() {
    CacheProvider.Cache<User> c = byEmail;
    if (c == null) {
      synchronized (this) {
        c = byEmail;
        if (c == null) {
          c = ctx.cache().cache(CACHE_NAME, User.class, CACHE_TTL, CACHE_MAX);
          byEmail = c;
        }
      }
    }
    return c;
  }

  @Override
  public Paginated<User> list(ListQuery query) {
    Objects.requireNonNull(query, "query");
    ApiRequest base = Requests.apply(request("GET", "/users"), query).build();
    return Pagers.offset(ctx.transport(), base, "users", Pagers.decoder(User.class));
  }

  @Override
  public CompletableFuture<User> getAsync(String id) {
    return ctx.transport().send(request("GET", "/users/{id}", id).build())
        .thenApply(member("user", User.class));
  }

  @Override
  public CompletableFuture<User> meAsync() {
    return ctx.transport().send(request("GET", "/users/me").build())
        .thenApply(member("user", User.class));
  }

  @Override
  public CompletableFuture<Optional<User>> findByEmailAsync(String email) {
    Objects.requireNonNull(email, "email");
    if (email.isBlank()) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("email must not be blank"));
    }
    String key = email.trim().toLowerCase(Locale.ROOT);
    User cached = byEmail().getIfPresent(key);
    if (cached != null) {
      return CompletableFuture.completedFuture(Optional.of(cached));
    }
    ApiRequest base = request("GET", "/users").query("query", email.trim()).build();
    return Pagers.offset(ctx.transport(), base, "users", Pagers.decoder(User.class))
        .toListAsync()
        .thenApply(users -> {
          Optional<User> found = users.stream()
              .filter(u -> u.email().trim().toLowerCase(Locale.ROOT).equals(key))
              .findFirst();
          found.ifPresent(u -> byEmail().put(key, u));
          return found;
        });
  }

  @Override
  public CompletableFuture<User> createAsync(User user) {
    Objects.requireNonNull(user, "user");
    return ctx.transport().send(request("POST", "/users").body(wrap("user", user))
            .requiresFrom(true).build())
        .thenApply(member("user", User.class));
  }

  @Override
  public CompletableFuture<User> updateAsync(String id, User user) {
    Objects.requireNonNull(user, "user");
    ApiRequest req = request("PUT", "/users/{id}", id).body(wrap("user", user)).build();
    return ctx.transport().send(req).thenApply(member("user", User.class))
        .whenComplete((u, e) -> byEmail().invalidateAll());
  }

  @Override
  public CompletableFuture<Void> deleteAsync(String id) {
    return Requests.discard(ctx.transport().send(request("DELETE", "/users/{id}", id).build()))
        .whenComplete((v, e) -> byEmail().invalidateAll());
  }
}
