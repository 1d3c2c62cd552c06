package dev.pdkit.internal.rest;

import static dev.pdkit.internal.rest.Requests.request;

import dev.pdkit.errors.PaymentRequiredException;
import dev.pdkit.internal.ClientContext;
import dev.pdkit.model.Ability;
import dev.pdkit.rest.Abilities;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** {@link Abilities} over the client's transport. */
public final class AbilitiesImpl implements Abilities {
  private final ClientContext ctx;

  public AbilitiesImpl(ClientContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
  }

  @Override
  public CompletableFuture<List<Ability>> listAsync() {
    return ctx.transport().send(request("GET", "/abilities").build())
        .thenApply(Requests.list("abilities", Ability.class));
  }

  @Override
  public CompletableFuture<Boolean> hasAsync(Ability ability) {
    Objects.requireNonNull(ability, "ability");
    return ctx.transport().send(request("GET", "/abilities/{id}", ability.name()).build())
        .handle((response, error) -> {
          if (error == null) {
            return Boolean.TRUE;
          }
          Throwable cause = error instanceof CompletionException && error.getCause() != null
              ? error.getCause() : error;
          if (cause instanceof PaymentRequiredException) {
            return Boolean.FALSE;
          }
          throw error instanceof CompletionException ce ? ce : new CompletionException(cause);
        });
  }
}
