package dev.pdkit.internal.rest;

import static dev.pdkit.internal.rest.Requests.member;
import static dev.pdkit.internal.rest.Requests.request;
import static dev.pdkit.internal.rest.Requests.wrap;

import dev.pdkit.internal.ClientContext;
import dev.pdkit.internal.http.ApiRequest;
import dev.pdkit.model.Team;
import dev.pdkit.model.TeamMember;
import dev.pdkit.model.TeamRole;
import dev.pdkit.rest.ListQuery;
import dev.pdkit.rest.Paginated;
import dev.pdkit.rest.Teams;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** {@link Teams} over the client's transport. */
public final class TeamsImpl implements Teams {
  private final ClientContext ctx;

  public TeamsImpl(ClientContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
  }

  @Override
  public Paginated<Team> list(ListQuery query) {
    Objects.requireNonNull(query, "query");
    ApiRequest base = Requests.apply(request("GET", "/teams"), query).build();
    return Pagers.offset(ctx.transport(), base, "teams", Pagers.decoder(Team.class));
  }

  @Override
  public CompletableFuture<Team> getAsync(String id) {
    return ctx.transport().send(request("GET", "/teams/{id}", id).build())
        .thenApply(member("team", Team.class));
  }

  @Override
  public CompletableFuture<Team> createAsync(Team team) {
    Objects.requireNonNull(team, "team");
    return ctx.transport().send(request("POST", "/teams").body(wrap("team", team)).build())
        .thenApply(member("team", Team.class));
  }

  @Override
  public CompletableFuture<Team> updateAsync(String id, Team team) {
    Objects.requireNonNull(team, "team");
    return ctx.transport().send(request("PUT", "/teams/{id}", id).body(wrap("team", team)).build())
        .thenApply(member("team", Team.class));
  }

  @Override
  public CompletableFuture<Void> deleteAsync(String id, @Nullable String reassignmentTeamId) {
    return Requests.discard(ctx.transport().send(request("DELETE", "/teams/{id}", id)
        .query("reassignment_team", reassignmentTeamId).build()));
  }

  @Override
  public Paginated<TeamMember> members(String teamId) {
    ApiRequest base = request("GET", "/teams/{id}/members", teamId).build();
    return Pagers.offset(ctx.transport(), base, "members", Pagers.decoder(TeamMember.class));
  }

  @Override
  public CompletableFuture<Void> addUserAsync(String teamId, String userId, TeamRole role) {
    Objects.requireNonNull(role, "role");
    if (role == TeamRole.UNKNOWN) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("role UNKNOWN cannot be sent; use OBSERVER, RESPONDER or MANAGER"));
    }
    ApiRequest req = request("PUT", "/teams/{id}/users/{user_id}", teamId, userId)
        .body(Map.of("role", role.wireName())).build();
    return Requests.discard(ctx.transport().send(req));
  }

  @Override
  public CompletableFuture<Void> removeUserAsync(String teamId, String userId) {
    return Requests.discard(ctx.transport().send(
        request("DELETE", "/teams/{id}/users/{user_id}", teamId, userId).build()));
  }

  @Override
  public CompletableFuture<Void> addEscalationPolicyAsync(String teamId, String escalationPolicyId) {
    return Requests.discard(ctx.transport().send(request("PUT",
        "/teams/{id}/escalation_policies/{escalation_policy_id}", teamId, escalationPolicyId)
        .build()));
  }

  @Override
  public CompletableFuture<Void> removeEscalationPolicyAsync(
      String teamId, String escalationPolicyId) {
    return Requests.discard(ctx.transport().send(request("DELETE",
        "/teams/{id}/escalation_policies/{escalation_policy_id}", teamId, escalationPolicyId)
        .build()));
  }
}
