package dev.pdkit.rest;

import dev.pdkit.internal.Futures;
import dev.pdkit.model.Ability;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The account's abilities (plan features), {@code pd.abilities()}. PagerDuty answers 402 to calls
 * that need an ability the account lacks; check first with {@link #has(Ability)}.
 *
 * <p>Thread-safe. Blocking methods throw what the async ones complete with.
 */
public interface Abilities {

  /** {@code GET /abilities}: every ability of the account. */
  CompletableFuture<List<Ability>> listAsync();

  /** Blocking twin of {@link #listAsync()}. */
  default List<Ability> list() {
    return Futures.sync(() -> listAsync());
  }

  /**
   * {@code GET /abilities/{id}}: whether the account has {@code ability} (PagerDuty answers 204 for
   * yes and 402 for no).
   */
  CompletableFuture<Boolean> hasAsync(Ability ability);

  /** Blocking twin of {@link #hasAsync(Ability)}. */
  default boolean has(Ability ability) {
    return Futures.sync(() -> hasAsync(ability));
  }
}
