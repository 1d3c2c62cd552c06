package dev.pdkit.internal.rest;

import static dev.pdkit.internal.rest.Requests.member;
import static dev.pdkit.internal.rest.Requests.request;
import static dev.pdkit.internal.rest.Requests.wrap;

import dev.pdkit.internal.ClientContext;
import dev.pdkit.internal.http.ApiRequest;
import dev.pdkit.model.Integration;
import dev.pdkit.model.Service;
import dev.pdkit.rest.ListQuery;
import dev.pdkit.rest.Paginated;
import dev.pdkit.rest.Services;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** {@link Services} over the client's transport. */
public final class ServicesImpl implements Services {
  private static final String INTEGRATION = "/services/{id}/integrations/{integration_id}";
  private final ClientContext ctx;

  public ServicesImpl(ClientContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
  }

  @Override
  public Paginated<Service> list(ListQuery query) {
    Objects.requireNonNull(query, "query");
    ApiRequest base = Requests.apply(request("GET", "/services"), query).build();
    return Pagers.offset(ctx.transport(), base, "services", Pagers.decoder(Service.class));
  }

  @Override
  public CompletableFuture<Service> getAsync(String id, List<String> include) {
    Objects.requireNonNull(include, "include");
    return ctx.transport().send(request("GET", "/services/{id}", id)
            .queryAll("include[]", include).build())
        .thenApply(member("service", Service.class));
  }

  @Override
  public CompletableFuture<Service> createAsync(Service service) {
    Objects.requireNonNull(service, "service");
    return ctx.transport().send(request("POST", "/services").body(wrap("service", service)).build())
        .thenApply(member("service", Service.class));
  }

  @Override
  public CompletableFuture<Service> updateAsync(String id, Service service) {
    Objects.requireNonNull(service, "service");
    return ctx.transport().send(request("PUT", "/services/{id}", id)
            .body(wrap("service", service)).build())
        .thenApply(member("service", Service.class));
  }

  @Override
  public CompletableFuture<Void> deleteAsync(String id) {
    return Requests.discard(ctx.transport().send(request("DELETE", "/services/{id}", id).build()));
  }

  @Override
  public CompletableFuture<Integration> createIntegrationAsync(
      String serviceId, Integration integration) {
    Objects.requireNonNull(integration, "integration");
    return ctx.transport().send(request("POST", "/services/{id}/integrations", serviceId)
            .body(wrap("integration", integration)).build())
        .thenApply(member("integration", Integration.class));
  }

  @Override
  public CompletableFuture<Integration> getIntegrationAsync(String serviceId, String integrationId) {
    return ctx.transport().send(request("GET", INTEGRATION, serviceId, integrationId).build())
        .thenApply(member("integration", Integration.class));
  }

  @Override
  public CompletableFuture<Integration> updateIntegrationAsync(
      String serviceId, String integrationId, Integration integration) {
    Objects.requireNonNull(integration, "integration");
    return ctx.transport().send(request("PUT", INTEGRATION, serviceId, integrationId)
            .body(wrap("integration", integration)).build())
        .thenApply(member("integration", Integration.class));
  }

  @Override
  public CompletableFuture<Void> deleteIntegrationAsync(String serviceId, String integrationId) {
    return Requests.discard(
        ctx.transport().send(request("DELETE", INTEGRATION, serviceId, integrationId).build()));
  }
}
