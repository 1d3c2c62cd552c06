package dev.pdkit.rest;

import dev.pdkit.internal.Futures;
import dev.pdkit.model.MaintenanceWindow;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Maintenance windows, {@code pd.maintenanceWindows()}. {@link #create(MaintenanceWindow)} needs a
 * {@code From} header. Thread-safe.
 */
public interface MaintenanceWindows {

  /** Which windows to list ({@code filter}). */
  enum Filter {
    PAST,
    FUTURE,
    ONGOING,
    OPEN,
    ALL;

    /** The wire spelling. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  default Paginated<MaintenanceWindow> list() {
    return list(Filter.ALL, ListQuery.none());
  }

  /** {@code GET /maintenance_windows?filter=} with {@code query}, {@code teamIds} and the extra
   * {@code service_ids[]} parameter. */
  Paginated<MaintenanceWindow> list(Filter filter, ListQuery query);

  /** {@code GET /maintenance_windows/{id}}. */
  CompletableFuture<MaintenanceWindow> getAsync(String id);

  default MaintenanceWindow get(String id) {
    return Futures.sync(() -> getAsync(id));
  }

  /** {@code POST /maintenance_windows} (needs {@code From}). */
  CompletableFuture<MaintenanceWindow> createAsync(MaintenanceWindow window);

  default MaintenanceWindow create(MaintenanceWindow window) {
    return Futures.sync(() -> createAsync(window));
  }

  /** {@code PUT /maintenance_windows/{id}}. */
  CompletableFuture<MaintenanceWindow> updateAsync(String id, MaintenanceWindow window);

  default MaintenanceWindow update(String id, MaintenanceWindow window) {
    return Futures.sync(() -> updateAsync(id, window));
  }

  /**
   * {@code DELETE /maintenance_windows/{id}}: removes a future window or ends an ongoing one; a
   * window that has ended cannot be deleted.
   */
  CompletableFuture<Void> deleteAsync(String id);

  default void delete(String id) {
    Futures.sync(() -> deleteAsync(id));
  }
}
