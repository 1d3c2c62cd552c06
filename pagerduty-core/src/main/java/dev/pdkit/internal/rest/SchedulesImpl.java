package dev.pdkit.internal.rest;

import static dev.pdkit.internal.rest.Requests.member;
import static dev.pdkit.internal.rest.Requests.request;
import static dev.pdkit.internal.rest.Requests.time;
import static dev.pdkit.internal.rest.Requests.wrap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdkit.errors.DecodingException;
import dev.pdkit.internal.ClientContext;
import dev.pdkit.internal.http.ApiRequest;
import dev.pdkit.model.OverrideResult;
import dev.pdkit.model.Schedule;
import dev.pdkit.model.ScheduleOverride;
import dev.pdkit.model.User;
import dev.pdkit.rest.ListQuery;
import dev.pdkit.rest.Paginated;
import dev.pdkit.rest.Schedules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** {@link Schedules} over the client's transport. */
public final class SchedulesImpl implements Schedules {
  private final ClientContext ctx;

  public SchedulesImpl(ClientContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
  }

  @Override
  public Paginated<Schedule> list(ListQuery query) {
    Objects.requireNonNull(query, "query");
    ApiRequest base = Requests.apply(request("GET", "/schedules"), query).build();
    return Pagers.offset(ctx.transport(), base, "schedules", Pagers.decoder(Schedule.class));
  }

  @Override
  public CompletableFuture<Schedule> getAsync(String id) {
    return ctx.transport().send(request("GET", "/schedules/{id}", id).build())
        .thenApply(member("schedule", Schedule.class));
  }

  @Override
  public CompletableFuture<Schedule> renderAsync(
      String id, Instant since, Instant until, @Nullable String timeZone) {
    checkWindow(since, until);
    ApiRequest req = request("GET", "/schedules/{id}", id)
        .query("since", time(since)).query("until", time(until)).query("time_zone", timeZone)
        .build();
    return ctx.transport().send(req).thenApply(member("schedule", Schedule.class));
  }

  @Override
  public CompletableFuture<Schedule> createAsync(Schedule schedule) {
    Objects.requireNonNull(schedule, "schedule");
    return ctx.transport().send(request("POST", "/schedules").body(wrap("schedule", schedule))
            .build())
        .thenApply(member("schedule", Schedule.class));
  }

  @Override
  public CompletableFuture<Schedule> updateAsync(String id, Schedule schedule) {
    Objects.requireNonNull(schedule, "schedule");
    return ctx.transport().send(request("PUT", "/schedules/{id}", id)
            .body(wrap("schedule", schedule)).build())
        .thenApply(member("schedule", Schedule.class));
  }

  @Override
  public CompletableFuture<Void> deleteAsync(String id) {
    return Requests.discard(ctx.transport().send(request("DELETE", "/schedules/{id}", id).build()));
  }

  @Override
  public CompletableFuture<List<ScheduleOverride>> overridesAsync(
      String id, Instant since, Instant until) {
    checkWindow(since, until);
    ApiRequest req = request("GET", "/schedules/{id}/overrides", id)
        .query("since", time(since)).query("until", time(until)).build();
    return ctx.transport().send(req)
        .thenApply(Requests.list("overrides", ScheduleOverride.class));
  }

  @Override
  public CompletableFuture<List<OverrideResult>> createOverridesAsync(
      String id, List<ScheduleOverride> overrides) {
    Objects.requireNonNull(overrides, "overrides");
    if (overrides.isEmpty()) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("overrides must hold at least one override"));
    }
    ApiRequest req = request("POST", "/schedules/{id}/overrides", id)
        .body(wrap("overrides", List.copyOf(overrides))).build();
    return ctx.transport().send(req).thenApply(r -> {
      JsonNode root = r.json();
      if (!root.isArray()) {
        throw new DecodingException("POST /schedules/{id}/overrides: expected an array of"
            + " per-override results", null);
      }
      List<OverrideResult> out = new ArrayList<>();
      root.forEach(n -> out.add(Requests.convert(n, OverrideResult.class)));
      return List.copyOf(out);
    });
  }

  @Override
  public CompletableFuture<OverrideRemoval> deleteOverrideAsync(String id, String overrideId) {
    return ctx.transport().send(request("DELETE", "/schedules/{id}/overrides/{override_id}", id,
            overrideId).build())
        .thenApply(r -> r.status() == 204 ? OverrideRemoval.DELETED : OverrideRemoval.TRUNCATED);
  }

  @Override
  public CompletableFuture<List<User>> usersOnCallAsync(
      String id, @Nullable Instant since, @Nullable Instant until) {
    if (since != null && until != null) {
      checkWindow(since, until);
    }
    ApiRequest req = request("GET", "/schedules/{id}/users", id)
        .query("since", time(since)).query("until", time(until)).build();
    return ctx.transport().send(req).thenApply(Requests.list("users", User.class));
  }

  private static void checkWindow(Instant since, Instant until) {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    if (!until.isAfter(since)) {
      throw new IllegalArgumentException("until " + until + " must be after since " + since);
    }
  }
}
