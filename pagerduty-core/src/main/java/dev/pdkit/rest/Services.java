package dev.pdkit.rest;

import dev.pdkit.internal.Futures;
import dev.pdkit.model.Integration;
import dev.pdkit.model.Service;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Services and their integrations, {@code pd.services()}. Thread-safe.
 *
 * <p>An events integration's {@link Integration#integrationKey()} is the Events API v2 routing key.
 * PagerDuty has no endpoint listing a service's integrations: use {@code get(id,
 * List.of("integrations"))}.
 */
public interface Services {

  default Paginated<Service> list() {
    return list(ListQuery.none());
  }

  /**
   * {@code GET /services} with {@code query}, {@code teamIds}, {@code include}
   * (escalation_policies, teams, integrations) and {@code sortBy} ({@code name}).
   */
  Paginated<Service> list(ListQuery query);

  /** {@code GET /services/{id}}. */
  default CompletableFuture<Service> getAsync(String id) {
    return getAsync(id, List.of());
  }

  default Service get(String id) {
    return Futures.sync(() -> getAsync(id));
  }

  /** {@code GET /services/{id}?include[]=...}, e.g. {@code integrations} to read their keys. */
  CompletableFuture<Service> getAsync(String id, List<String> include);

  default Service get(String id, List<String> include) {
    return Futures.sync(() -> getAsync(id, include));
  }

  /** {@code POST /services}. */
  CompletableFuture<Service> createAsync(Service service);

  default Service create(Service service) {
    return Futures.sync(() -> createAsync(service));
  }

  /** {@code PUT /services/{id}}. */
  CompletableFuture<Service> updateAsync(String id, Service service);

  default Service update(String id, Service service) {
    return Futures.sync(() -> updateAsync(id, service));
  }

  /** {@code DELETE /services/{id}}. */
  CompletableFuture<Void> deleteAsync(String id);

  default void delete(String id) {
    Futures.sync(() -> deleteAsync(id));
  }

  /** {@code POST /services/{id}/integrations}; the answer carries the new integration's key. */
  CompletableFuture<Integration> createIntegrationAsync(String serviceId, Integration integration);

  default Integration createIntegration(String serviceId, Integration integration) {
    return Futures.sync(() -> createIntegrationAsync(serviceId, integration));
  }

  /** {@code GET /services/{id}/integrations/{integration_id}}. */
  CompletableFuture<Integration> getIntegrationAsync(String serviceId, String integrationId);

  default Integration getIntegration(String serviceId, String integrationId) {
    return Futures.sync(() -> getIntegrationAsync(serviceId, integrationId));
  }

  /** {@code PUT /services/{id}/integrations/{integration_id}}. */
  CompletableFuture<Integration> updateIntegrationAsync(
      String serviceId, String integrationId, Integration integration);

  default Integration updateIntegration(
      String serviceId, String integrationId, Integration integration) {
    return Futures.sync(() -> updateIntegrationAsync(serviceId, integrationId, integration));
  }

  /**
   * {@code DELETE /services/{id}/integrations/{integration_id}} (not in PagerDuty's OpenAPI
   * document, but served; PagerDuty's own Go client uses it).
   */
  CompletableFuture<Void> deleteIntegrationAsync(String serviceId, String integrationId);

  default void deleteIntegration(String serviceId, String integrationId) {
    Futures.sync(() -> deleteIntegrationAsync(serviceId, integrationId));
  }
}
