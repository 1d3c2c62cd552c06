package dev.pdkit.rest;

import dev.pdkit.internal.Futures;
import dev.pdkit.model.Team;
import dev.pdkit.model.TeamMember;
import dev.pdkit.model.TeamRole;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** Teams and their members, {@code pd.teams()} (needs the {@code teams} ability). Thread-safe. */
public interface Teams {

  default Paginated<Team> list() {
    return list(ListQuery.none());
  }

  /** {@code GET /teams} with {@code query}. */
  Paginated<Team> list(ListQuery query);

  /** {@code GET /teams/{id}}. */
  CompletableFuture<Team> getAsync(String id);

  default Team get(String id) {
    return Futures.sync(() -> getAsync(id));
  }

  /** {@code POST /teams}. */
  CompletableFuture<Team> createAsync(Team team);

  default Team create(Team team) {
    return Futures.sync(() -> createAsync(team));
  }

  /** {@code PUT /teams/{id}}. */
  CompletableFuture<Team> updateAsync(String id, Team team);

  default Team update(String id, Team team) {
    return Futures.sync(() -> updateAsync(id, team));
  }

  /**
   * {@code DELETE /teams/{id}}. Succeeds only when no escalation policy, service, schedule or
   * subteam belongs to the team.
   */
  default CompletableFuture<Void> deleteAsync(String id) {
    return deleteAsync(id, null);
  }

  default void delete(String id) {
    Futures.sync(() -> deleteAsync(id));
  }

  /**
   * {@code DELETE /teams/{id}?reassignment_team=}: deletes the team and moves its open incidents to
   * team {@code reassignmentTeamId} (null leaves them without a team).
   */
  CompletableFuture<Void> deleteAsync(String id, @Nullable String reassignmentTeamId);

  default void delete(String id, @Nullable String reassignmentTeamId) {
    Futures.sync(() -> deleteAsync(id, reassignmentTeamId));
  }

  /** {@code GET /teams/{id}/members}: members with their roles, lazily. */
  Paginated<TeamMember> members(String teamId);

  /** {@code PUT /teams/{id}/users/{user_id}}: adds a user (or changes their role). */
  CompletableFuture<Void> addUserAsync(String teamId, String userId, TeamRole role);

  default void addUser(String teamId, String userId, TeamRole role) {
    Futures.sync(() -> addUserAsync(teamId, userId, role));
  }

  /** {@code DELETE /teams/{id}/users/{user_id}}. */
  CompletableFuture<Void> removeUserAsync(String teamId, String userId);

  default void removeUser(String teamId, String userId) {
    Futures.sync(() -> removeUserAsync(teamId, userId));
  }

  /** {@code PUT /teams/{id}/escalation_policies/{ep_id}}. */
  CompletableFuture<Void> addEscalationPolicyAsync(String teamId, String escalationPolicyId);

  default void addEscalationPolicy(String teamId, String escalationPolicyId) {
    Futures.sync(() -> addEscalationPolicyAsync(teamId, escalationPolicyId));
  }

  /** {@code DELETE /teams/{id}/escalation_policies/{ep_id}}. */
  CompletableFuture<Void> removeEscalationPolicyAsync(String teamId, String escalationPolicyId);

  default void removeEscalationPolicy(String teamId, String escalationPolicyId) {
    Futures.sync(() -> removeEscalationPolicyAsync(teamId, escalationPolicyId));
  }
}
