package dev.pdkit.internal.rest;

import static dev.pdkit.internal.rest.Requests.request;
import static dev.pdkit.internal.rest.Requests.time;

import dev.pdkit.internal.ClientContext;
import dev.pdkit.internal.http.ApiRequest;
import dev.pdkit.model.OnCall;
import dev.pdkit.rest.OnCallQuery;
import dev.pdkit.rest.OnCalls;
import dev.pdkit.rest.Paginated;
import java.util.Objects;

/** {@link OnCalls} over the client's transport. */
public final class OnCallsImpl implements OnCalls {
  private final ClientContext ctx;

  public OnCallsImpl(ClientContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
  }

  @Override
  public Paginated<OnCall> list(OnCallQuery q) {
    Objects.requireNonNull(q, "query");
    ApiRequest base = request("GET", "/oncalls")
        .queryAll("schedule_ids[]", q.scheduleIds())
        .queryAll("escalation_policy_ids[]", q.escalationPolicyIds())
        .queryAll("user_ids[]", q.userIds())
        .query("since", time(q.since()))
        .query("until", time(q.until()))
        .query("earliest", q.earliest() ? "true" : null)
        .queryAll("include[]", q.include())
        .query("time_zone", q.timeZone())
        .build();
    return Pagers.offset(ctx.transport(), base, "oncalls", Pagers.decoder(OnCall.class));
  }
}
