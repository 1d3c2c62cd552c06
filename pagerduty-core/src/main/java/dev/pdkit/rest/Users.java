package dev.pdkit.rest;

import dev.pdkit.internal.Futures;
import dev.pdkit.model.User;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Users, {@code pd.users()}.
 *
 * <p>{@link #create(User)} needs a {@code From} header (the client's {@code from}, or {@code
 * pd.withOptions(o -> o.from(...))}); it fails before sending without one. Thread-safe.
 */
public interface Users {

  /** {@code GET /users}: every user, lazily. */
  default Paginated<User> list() {
    return list(ListQuery.none());
  }

  /**
   * {@code GET /users} with filters: {@code query} (name or e-mail), {@code teamIds}, {@code
   * include} (contact_methods, notification_rules, teams).
   */
  Paginated<User> list(ListQuery query);

  /** {@code GET /users/{id}}. */
  CompletableFuture<User> getAsync(String id);

  default User get(String id) {
    return Futures.sync(() -> getAsync(id));
  }

  /** {@code GET /users/me}: the user behind a user-level token. */
  CompletableFuture<User> meAsync();

  default User me() {
    return Futures.sync(() -> meAsync());
  }

  /**
   * The user whose e-mail is {@code email} (compared case-insensitively), via {@code GET
   * /users?query=}. Found users are cached through the client's {@code CacheProvider} (cache {@code
   * users-by-email}, 10 minutes), so repeated lookups cost no request; misses are not cached.
   */
  CompletableFuture<Optional<User>> findByEmailAsync(String email);

  default Optional<User> findByEmail(String email) {
    return Futures.sync(() -> findByEmailAsync(email));
  }

  /** {@code POST /users} (needs {@code From}). */
  CompletableFuture<User> createAsync(User user);

  default User create(User user) {
    return Futures.sync(() -> createAsync(user));
  }

  /** {@code PUT /users/{id}}. */
  CompletableFuture<User> updateAsync(String id, User user);

  default User update(String id, User user) {
    return Futures.sync(() -> updateAsync(id, user));
  }

  /**
   * {@code DELETE /users/{id}}. PagerDuty refuses (400) while the user has assigned incidents.
   * The e-mail cache entry of the user is dropped.
   */
  CompletableFuture<Void> deleteAsync(String id);

  default void delete(String id) {
    Futures.sync(() -> deleteAsync(id));
  }
}
