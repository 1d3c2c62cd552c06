package dev.pdkit.internal.rest;

import static dev.pdkit.internal.rest.Requests.member;
import static dev.pdkit.internal.rest.Requests.request;
import static dev.pdkit.internal.rest.Requests.wrap;

import dev.pdkit.internal.ClientContext;
import dev.pdkit.internal.http.ApiRequest;
import dev.pdkit.model.MaintenanceWindow;
import dev.pdkit.rest.ListQuery;
import dev.pdkit.rest.MaintenanceWindows;
import dev.pdkit.rest.Paginated;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** {@link MaintenanceWindows} over the client's transport. */
public final class MaintenanceWindowsImpl implements MaintenanceWindows {
  private static final String KEY = "maintenance_window";
  private final ClientContext ctx;

  public MaintenanceWindowsImpl(ClientContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
  }

  @Override
  public Paginated<MaintenanceWindow> list(Filter filter, ListQuery query) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(query, "query");
    ApiRequest base = Requests.apply(
        request("GET", "/maintenance_windows").query("filter", filter.wireName()), query).build();
    return Pagers.offset(ctx.transport(), base, "maintenance_windows",
        Pagers.decoder(MaintenanceWindow.class));
  }

  @Override
  public CompletableFuture<MaintenanceWindow> getAsync(String id) {
    return ctx.transport().send(request("GET", "/maintenance_windows/{id}", id).build())
        .thenApply(member(KEY, MaintenanceWindow.class));
  }

  @Override
  public CompletableFuture<MaintenanceWindow> createAsync(MaintenanceWindow window) {
    Objects.requireNonNull(window, "window");
    return ctx.transport().send(request("POST", "/maintenance_windows").body(wrap(KEY, window))
            .requiresFrom(true).build())
        .thenApply(member(KEY, MaintenanceWindow.class));
  }

  @Override
  public CompletableFuture<MaintenanceWindow> updateAsync(String id, MaintenanceWindow window) {
    Objects.requireNonNull(window, "window");
    return ctx.transport().send(request("PUT", "/maintenance_windows/{id}", id)
            .body(wrap(KEY, window)).build())
        .thenApply(member(KEY, MaintenanceWindow.class));
  }

  @Override
  public CompletableFuture<Void> deleteAsync(String id) {
    return Requests.discard(
        ctx.transport().send(request("DELETE", "/maintenance_windows/{id}", id).build()));
  }
}
