package dev.pdkit.rest;

import dev.pdkit.internal.Futures;
import dev.pdkit.model.OverrideResult;
import dev.pdkit.model.Schedule;
import dev.pdkit.model.ScheduleOverride;
import dev.pdkit.model.User;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** Layer-based (v2) schedules and their overrides, {@code pd.schedules()}. Thread-safe. */
public interface Schedules {

  /** What deleting an override did. */
  enum OverrideRemoval {
    /** The override was removed entirely (204). */
    DELETED,
    /** The override had started, so PagerDuty ended it now instead (200). */
    TRUNCATED
  }

  default Paginated<Schedule> list() {
    return list(ListQuery.none());
  }

  /** {@code GET /schedules} with {@code query} and {@code include}. */
  Paginated<Schedule> list(ListQuery query);

  /** {@code GET /schedules/{id}} (layers, no rendered entries). */
  CompletableFuture<Schedule> getAsync(String id);

  default Schedule get(String id) {
    return Futures.sync(() -> getAsync(id));
  }

  /**
   * {@code GET /schedules/{id}?since=&until=&time_zone=}: the schedule with its rendered layers and
   * final schedule for the window. {@code timeZone} (IANA) renders times; null uses the schedule's.
   */
  CompletableFuture<Schedule> renderAsync(
      String id, Instant since, Instant until, @Nullable String timeZone);

  default Schedule render(String id, Instant since, Instant until, @Nullable String timeZone) {
    return Futures.sync(() -> renderAsync(id, since, until, timeZone));
  }

  /** {@code POST /schedules}. */
  CompletableFuture<Schedule> createAsync(Schedule schedule);

  default Schedule create(Schedule schedule) {
    return Futures.sync(() -> createAsync(schedule));
  }

  /** {@code PUT /schedules/{id}}; send every layer (a layer left out is ended). */
  CompletableFuture<Schedule> updateAsync(String id, Schedule schedule);

  default Schedule update(String id, Schedule schedule) {
    return Futures.sync(() -> updateAsync(id, schedule));
  }

  /** {@code DELETE /schedules/{id}}. */
  CompletableFuture<Void> deleteAsync(String id);

  default void delete(String id) {
    Futures.sync(() -> deleteAsync(id));
  }

  /** {@code GET /schedules/{id}/overrides?since=&until=}: overrides in the window. */
  CompletableFuture<List<ScheduleOverride>> overridesAsync(String id, Instant since, Instant until);

  default List<ScheduleOverride> overrides(String id, Instant since, Instant until) {
    return Futures.sync(() -> overridesAsync(id, since, until));
  }

  /**
   * {@code POST /schedules/{id}/overrides}: creates several overrides at once. Each may succeed or
   * fail on its own; check {@link OverrideResult#created()}.
   */
  CompletableFuture<List<OverrideResult>> createOverridesAsync(
      String id, List<ScheduleOverride> overrides);

  default List<OverrideResult> createOverrides(String id, List<ScheduleOverride> overrides) {
    return Futures.sync(() -> createOverridesAsync(id, overrides));
  }

  /** {@code DELETE /schedules/{id}/overrides/{override_id}}. */
  CompletableFuture<OverrideRemoval> deleteOverrideAsync(String id, String overrideId);

  default OverrideRemoval deleteOverride(String id, String overrideId) {
    return Futures.sync(() -> deleteOverrideAsync(id, overrideId));
  }

  /** {@code GET /schedules/{id}/users?since=&until=}: users on call on the schedule in the window. */
  CompletableFuture<List<User>> usersOnCallAsync(
      String id, @Nullable Instant since, @Nullable Instant until);

  default List<User> usersOnCall(String id, @Nullable Instant since, @Nullable Instant until) {
    return Futures.sync(() -> usersOnCallAsync(id, since, until));
  }
}
