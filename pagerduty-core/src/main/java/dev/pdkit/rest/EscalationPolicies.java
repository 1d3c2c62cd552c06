package dev.pdkit.rest;

import dev.pdkit.internal.Futures;
import dev.pdkit.model.EscalationPolicy;
import java.util.concurrent.CompletableFuture;

/** Escalation policies, {@code pd.escalationPolicies()}. Thread-safe. */
public interface EscalationPolicies {

  default Paginated<EscalationPolicy> list() {
    return list(ListQuery.none());
  }

  /**
   * {@code GET /escalation_policies} with {@code query}, {@code userIds}, {@code teamIds}, {@code
   * include} (services, teams, targets) and {@code sortBy}.
   */
  Paginated<EscalationPolicy> list(ListQuery query);

  /** {@code GET /escalation_policies/{id}}. */
  CompletableFuture<EscalationPolicy> getAsync(String id);

  default EscalationPolicy get(String id) {
    return Futures.sync(() -> getAsync(id));
  }

  /** {@code POST /escalation_policies} (sends {@code From} when the client has one). */
  CompletableFuture<EscalationPolicy> createAsync(EscalationPolicy policy);

  default EscalationPolicy create(EscalationPolicy policy) {
    return Futures.sync(() -> createAsync(policy));
  }

  /** {@code PUT /escalation_policies/{id}}; send the full list of rules. */
  CompletableFuture<EscalationPolicy> updateAsync(String id, EscalationPolicy policy);

  default EscalationPolicy update(String id, EscalationPolicy policy) {
    return Futures.sync(() -> updateAsync(id, policy));
  }

  /** {@code DELETE /escalation_policies/{id}}; fails while a service uses the policy. */
  CompletableFuture<Void> deleteAsync(String id);

  default void delete(String id) {
    Futures.sync(() -> deleteAsync(id));
  }
}
