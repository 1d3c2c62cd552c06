package dev.pdkit.internal.rest;

import static dev.pdkit.internal.rest.Requests.member;
import static dev.pdkit.internal.rest.Requests.request;
import static dev.pdkit.internal.rest.Requests.wrap;

import dev.pdkit.internal.ClientContext;
import dev.pdkit.internal.http.ApiRequest;
import dev.pdkit.model.EscalationPolicy;
import dev.pdkit.rest.EscalationPolicies;
import dev.pdkit.rest.ListQuery;
import dev.pdkit.rest.Paginated;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** {@link EscalationPolicies} over the client's transport. */
public final class EscalationPoliciesImpl implements EscalationPolicies {
  private static final String KEY = "escalation_policy";
  private final ClientContext ctx;

  public EscalationPoliciesImpl(ClientContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
  }

  @Override
  public Paginated<EscalationPolicy> list(ListQuery query) {
    Objects.requireNonNull(query, "query");
    ApiRequest base = Requests.apply(request("GET", "/escalation_policies"), query).build();
    return Pagers.offset(ctx.transport(), base, "escalation_policies",
        Pagers.decoder(EscalationPolicy.class));
  }

  @Override
  public CompletableFuture<EscalationPolicy> getAsync(String id) {
    return ctx.transport().send(request("GET", "/escalation_policies/{id}", id).build())
        .thenApply(member(KEY, EscalationPolicy.class));
  }

  @Override
  public CompletableFuture<EscalationPolicy> createAsync(EscalationPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    return ctx.transport().send(request("POST", "/escalation_policies").body(wrap(KEY, policy))
            .build())
        .thenApply(member(KEY, EscalationPolicy.class));
  }

  @Override
  public CompletableFuture<EscalationPolicy> updateAsync(String id, EscalationPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    return ctx.transport().send(request("PUT", "/escalation_policies/{id}", id)
            .body(wrap(KEY, policy)).build())
        .thenApply(member(KEY, EscalationPolicy.class));
  }

  @Override
  public CompletableFuture<Void> deleteAsync(String id) {
    return Requests.discard(
        ctx.transport().send(request("DELETE", "/escalation_policies/{id}", id).build()));
  }
}
