package dev.pdkit.internal.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.pdkit.internal.rest.RestWireMock.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.pdkit.PagerDuty;
import dev.pdkit.model.Team;
import dev.pdkit.model.TeamMember;
import dev.pdkit.model.TeamRole;
import dev.pdkit.rest.ListQuery;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TeamsImplTest {
  @RegisterExtension static WireMockExtension wm = RestWireMock.extension();

  private PagerDuty pd;

  @BeforeEach
  void setUp() {
    pd = RestWireMock.client(wm);
  }

  @AfterEach
  void tearDown() {
    pd.close();
  }

  @Test
  void crud_usesWrappedTeamAndPaths() {
    wm.stubFor(get(urlPathEqualTo("/teams")).willReturn(example(200, "teams-list")));
    wm.stubFor(get(urlEqualTo("/teams/PQ9K7I8")).willReturn(example(200, "team-get")));
    wm.stubFor(post(urlEqualTo("/teams")).willReturn(example(201, "team-get")));
    wm.stubFor(put(urlEqualTo("/teams/PQ9K7I8")).willReturn(example(200, "team-get")));
    wm.stubFor(delete(urlEqualTo("/teams/PQ9K7I8")).willReturn(aResponse().withStatus(204)));

    List<Team> teams = pd.teams().list(ListQuery.text("eng")).toList();
    Team got = pd.teams().get("PQ9K7I8");
    Team created = pd.teams().create(Team.builder().name("Engineering").description("All").build());
    Team updated = pd.teams().updateAsync("PQ9K7I8", got.toBuilder().name("Eng").build()).join();
    pd.teams().delete("PQ9K7I8");

    assertThat(teams).isNotEmpty();
    assertThat(got.name()).isEqualTo("Engineering");
    assertThat(created.id()).isEqualTo("PQ9K7I8");
    assertThat(updated.id()).isEqualTo("PQ9K7I8");
    wm.verify(getRequestedFor(urlPathEqualTo("/teams")).withQueryParam("query", equalTo("eng")));
    wm.verify(postRequestedFor(urlEqualTo("/teams")).withRequestBody(equalToJson(
        "{\"team\":{\"type\":\"team\",\"name\":\"Engineering\",\"description\":\"All\"}}")));
    wm.verify(putRequestedFor(urlEqualTo("/teams/PQ9K7I8")).withRequestBody(equalToJson(
        "{\"team\":{\"id\":\"PQ9K7I8\",\"type\":\"team\",\"name\":\"Eng\","
            + "\"description\":\"All engineering\",\"default_role\":\"manager\"}}")));
    wm.verify(deleteRequestedFor(urlEqualTo("/teams/PQ9K7I8")));
    assertThat(pd.teams().list().toList()).isNotEmpty();
    wm.stubFor(delete(urlPathEqualTo("/teams/PQ9K7I8")).willReturn(aResponse().withStatus(204)));
    pd.teams().delete("PQ9K7I8", "PNEW");
    wm.verify(deleteRequestedFor(urlPathEqualTo("/teams/PQ9K7I8"))
        .withQueryParam("reassignment_team", equalTo("PNEW")));
  }

  @Test
  void members_readsUsersWithRoles() {
    wm.stubFor(get(urlPathEqualTo("/teams/PQ9K7I8/members"))
        .willReturn(example(200, "team-members")));

    List<TeamMember> members = pd.teams().members("PQ9K7I8").toList();

    assertThat(members).singleElement().satisfies(m -> {
      assertThat(m.user().id()).isEqualTo("P0XJYI9");
      assertThat(m.role()).isEqualTo(TeamRole.MANAGER);
    });
  }

  @Test
  void usersAndPolicies_addAndRemoveWith204() {
    wm.stubFor(put(urlEqualTo("/teams/T1/users/U1")).willReturn(aResponse().withStatus(204)));
    wm.stubFor(delete(urlEqualTo("/teams/T1/users/U1")).willReturn(aResponse().withStatus(204)));
    wm.stubFor(put(urlEqualTo("/teams/T1/escalation_policies/E1"))
        .willReturn(aResponse().withStatus(204)));
    wm.stubFor(delete(urlEqualTo("/teams/T1/escalation_policies/E1"))
        .willReturn(aResponse().withStatus(204)));

    pd.teams().addUser("T1", "U1", TeamRole.RESPONDER);
    pd.teams().removeUser("T1", "U1");
    pd.teams().addEscalationPolicy("T1", "E1");
    pd.teams().removeEscalationPolicyAsync("T1", "E1").join();

    wm.verify(putRequestedFor(urlEqualTo("/teams/T1/users/U1"))
        .withRequestBody(equalToJson("{\"role\":\"responder\"}")));
    wm.verify(deleteRequestedFor(urlEqualTo("/teams/T1/users/U1")));
    wm.verify(putRequestedFor(urlEqualTo("/teams/T1/escalation_policies/E1")));
    wm.verify(deleteRequestedFor(urlEqualTo("/teams/T1/escalation_policies/E1")));
    assertThatThrownBy(() -> pd.teams().addUser("T1", "U1", TeamRole.UNKNOWN))
        .hasMessageContaining("UNKNOWN");
  }
}
