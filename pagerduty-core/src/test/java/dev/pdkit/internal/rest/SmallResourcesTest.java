package dev.pdkit.internal.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.havingExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.pdkit.internal.rest.RestWireMock.FROM;
import static dev.pdkit.internal.rest.RestWireMock.example;
import static dev.pdkit.internal.rest.RestWireMock.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.pdkit.PagerDuty;
import dev.pdkit.errors.ForbiddenException;
import dev.pdkit.model.Ability;
import dev.pdkit.model.AuditRecord;
import dev.pdkit.model.EscalationPolicy;
import dev.pdkit.model.EscalationRule;
import dev.pdkit.model.MaintenanceWindow;
import dev.pdkit.model.OnCall;
import dev.pdkit.model.Reference;
import dev.pdkit.rest.AuditRecordQuery;
import dev.pdkit.rest.AuditRecords.ResourceType;
import dev.pdkit.rest.ListQuery;
import dev.pdkit.rest.MaintenanceWindows.Filter;
import dev.pdkit.rest.OnCallQuery;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Abilities, escalation policies, on-calls, maintenance windows and audit records. */
class SmallResourcesTest {
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
  void abilities_listAndHasVia204Or402() {
    wm.stubFor(get(urlEqualTo("/abilities")).willReturn(example(200, "abilities")));
    wm.stubFor(get(urlEqualTo("/abilities/teams")).willReturn(aResponse().withStatus(204)));
    wm.stubFor(get(urlEqualTo("/abilities/urgencies")).willReturn(json(402,
        "{\"error\":{\"code\":2014,\"message\":\"Account does not have the ability\"}}")));
    wm.stubFor(get(urlEqualTo("/abilities/secret")).willReturn(json(403,
        "{\"error\":{\"code\":2010,\"message\":\"Access Denied\"}}")));

    assertThat(pd.abilities().list()).contains(Ability.TEAMS, Ability.URGENCIES);
    assertThat(pd.abilities().has(Ability.TEAMS)).isTrue();
    assertThat(pd.abilities().hasAsync(Ability.URGENCIES).join()).isFalse();
    assertThatThrownBy(() -> pd.abilities().has(Ability.of("secret")))
        .isInstanceOf(ForbiddenException.class);
  }

  @Test
  void escalationPolicies_crudAndFilters() {
    wm.stubFor(get(urlPathEqualTo("/escalation_policies"))
        .willReturn(example(200, "escalation-policies-list")));
    wm.stubFor(get(urlEqualTo("/escalation_policies/PT20YPA"))
        .willReturn(example(200, "escalation-policy-get")));
    wm.stubFor(post(urlEqualTo("/escalation_policies"))
        .willReturn(example(201, "escalation-policy-get")));
    wm.stubFor(put(urlEqualTo("/escalation_policies/PT20YPA"))
        .willReturn(example(200, "escalation-policy-get")));
    wm.stubFor(delete(urlEqualTo("/escalation_policies/PT20YPA"))
        .willReturn(aResponse().withStatus(204)));

    assertThat(pd.escalationPolicies().list(ListQuery.builder().userIds("U1").teamIds("T1")
        .include("targets").build()).toList()).isNotEmpty();
    EscalationPolicy got = pd.escalationPolicies().get("PT20YPA");
    pd.escalationPolicies().create(EscalationPolicy.builder().name("ops")
        .addRule(EscalationRule.of(30, Reference.user("U1"))).build());
    pd.escalationPolicies().update("PT20YPA", got.toBuilder().numLoops(3).build());
    pd.escalationPolicies().deleteAsync("PT20YPA").join();

    wm.verify(getRequestedFor(urlPathEqualTo("/escalation_policies"))
        .withQueryParam("user_ids[]", equalTo("U1")).withQueryParam("team_ids[]", equalTo("T1"))
        .withQueryParam("include[]", equalTo("targets")));
    wm.verify(postRequestedFor(urlEqualTo("/escalation_policies")).withHeader("From",
        equalTo(FROM)).withRequestBody(equalToJson("""
            {"escalation_policy":{"type":"escalation_policy","name":"ops","escalation_rules":[
              {"escalation_delay_in_minutes":30,"targets":[{"id":"U1","type":"user_reference"}]}]}}
            """)));
    wm.verify(putRequestedFor(urlEqualTo("/escalation_policies/PT20YPA"))
        .withRequestBody(equalToJson("{\"escalation_policy\":{\"num_loops\":3}}", true, true)));
    wm.verify(deleteRequestedFor(urlEqualTo("/escalation_policies/PT20YPA")));
    assertThat(pd.escalationPolicies().list().toList()).isNotEmpty();
  }

  @Test
  void oncalls_everyFilter() {
    wm.stubFor(get(urlPathEqualTo("/oncalls")).willReturn(example(200, "oncalls-list")));

    List<OnCall> oncalls = pd.oncalls().list(OnCallQuery.builder().scheduleIds("S1", "S2")
        .escalationPolicyIds("E1").userIds("U1").since(Instant.parse("2026-01-01T00:00:00Z"))
        .until(Instant.parse("2026-01-08T00:00:00Z")).earliest(true).include("users")
        .timeZone("Europe/Berlin").build()).toList();
    List<OnCall> now = pd.oncalls().list().toList();

    assertThat(oncalls).isNotEmpty().hasSameSizeAs(now);
    wm.verify(getRequestedFor(urlPathEqualTo("/oncalls"))
        .withQueryParam("schedule_ids[]", havingExactly("S1", "S2"))
        .withQueryParam("escalation_policy_ids[]", equalTo("E1"))
        .withQueryParam("user_ids[]", equalTo("U1"))
        .withQueryParam("since", equalTo("2026-01-01T00:00:00Z"))
        .withQueryParam("until", equalTo("2026-01-08T00:00:00Z"))
        .withQueryParam("earliest", equalTo("true"))
        .withQueryParam("include[]", equalTo("users"))
        .withQueryParam("time_zone", equalTo("Europe/Berlin")));
    wm.verify(getRequestedFor(urlPathEqualTo("/oncalls")).withQueryParam("earliest", absent()));
  }

  @Test
  void maintenanceWindows_crudWithFilterAndFrom() {
    wm.stubFor(get(urlPathEqualTo("/maintenance_windows"))
        .willReturn(example(200, "maintenance-windows-list")));
    wm.stubFor(get(urlEqualTo("/maintenance_windows/PIJ89JD"))
        .willReturn(example(200, "maintenance-window-get")));
    wm.stubFor(post(urlEqualTo("/maintenance_windows"))
        .willReturn(example(201, "maintenance-window-get")));
    wm.stubFor(put(urlEqualTo("/maintenance_windows/PIJ89JD"))
        .willReturn(example(200, "maintenance-window-get")));
    wm.stubFor(delete(urlEqualTo("/maintenance_windows/PIJ89JD"))
        .willReturn(aResponse().withStatus(204)));
    OffsetDateTime start = OffsetDateTime.parse("2026-03-01T20:00:00Z");

    assertThat(pd.maintenanceWindows().list(Filter.ONGOING, ListQuery.builder()
        .param("service_ids[]", "S1", "S2").build()).toList()).isNotEmpty();
    assertThat(pd.maintenanceWindows().list().toList()).isNotEmpty();
    MaintenanceWindow got = pd.maintenanceWindows().get("PIJ89JD");
    pd.maintenanceWindows().create(MaintenanceWindow.builder().startTime(start)
        .endTime(start.plusHours(2)).description("deploy").addService("S1").build());
    pd.maintenanceWindows().update("PIJ89JD", got.toBuilder().description("longer").build());
    pd.maintenanceWindows().delete("PIJ89JD");

    wm.verify(getRequestedFor(urlPathEqualTo("/maintenance_windows"))
        .withQueryParam("filter", equalTo("ongoing"))
        .withQueryParam("service_ids[]", havingExactly("S1", "S2")));
    wm.verify(getRequestedFor(urlPathEqualTo("/maintenance_windows"))
        .withQueryParam("filter", equalTo("all")));
    wm.verify(postRequestedFor(urlEqualTo("/maintenance_windows"))
        .withHeader("From", equalTo(FROM)).withRequestBody(equalToJson("""
            {"maintenance_window":{"type":"maintenance_window",
              "start_time":"2026-03-01T20:00:00Z","end_time":"2026-03-01T22:00:00Z",
              "description":"deploy","services":[{"id":"S1","type":"service_reference"}]}}""")));
    wm.verify(putRequestedFor(urlEqualTo("/maintenance_windows/PIJ89JD")).withRequestBody(
        equalToJson("{\"maintenance_window\":{\"description\":\"longer\"}}", true, true)));
    wm.verify(deleteRequestedFor(urlEqualTo("/maintenance_windows/PIJ89JD")));
  }

  @Test
  void maintenanceWindowCreate_withoutFrom_failsBeforeSending() {
    try (PagerDuty noFrom = RestWireMock.clientWithoutFrom(wm)) {
      OffsetDateTime start = OffsetDateTime.parse("2026-03-01T20:00:00Z");
      MaintenanceWindow mw = MaintenanceWindow.builder().startTime(start)
          .endTime(start.plusHours(1)).addService("S1").build();
      assertThatThrownBy(() -> noFrom.maintenanceWindows().create(mw))
          .hasMessageContaining("From");
    }
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void auditRecords_followTheCursorWithFilters() {
    wm.stubFor(get(urlPathEqualTo("/audit/records")).withQueryParam("cursor", absent())
        .willReturn(json(200, "{\"records\":[{\"id\":\"R1\",\"action\":\"create\"}],"
            + "\"limit\":1,\"next_cursor\":\"c2\"}")));
    wm.stubFor(get(urlPathEqualTo("/audit/records")).withQueryParam("cursor", equalTo("c2"))
        .willReturn(example(200, "audit-records")));

    List<AuditRecord> records = pd.auditRecords().list(AuditRecordQuery.builder()
        .since(Instant.parse("2026-01-01T00:00:00Z")).until(Instant.parse("2026-01-20T00:00:00Z"))
        .rootResourceTypes("users", "teams").actions("create").actor("user_reference", "PU1")
        .methodType("api_token").build()).toList();

    assertThat(records.get(0).id()).isEqualTo("R1");
    assertThat(records).hasSizeGreaterThan(2);
    wm.verify(getRequestedFor(urlPathEqualTo("/audit/records"))
        .withQueryParam("root_resource_types[]", havingExactly("users", "teams"))
        .withQueryParam("actions[]", equalTo("create"))
        .withQueryParam("actor_type", equalTo("user_reference"))
        .withQueryParam("actor_id", equalTo("PU1"))
        .withQueryParam("method_type", equalTo("api_token"))
        .withQueryParam("since", equalTo("2026-01-01T00:00:00Z"))
        .withQueryParam("cursor", equalTo("c2")));
  }

  @Test
  void auditRecords_perResource_usesTheResourcePath() {
    wm.stubFor(get(urlPathEqualTo("/escalation_policies/PE1/audit/records"))
        .willReturn(example(200, "audit-records")));

    assertThat(pd.auditRecords().forResource(ResourceType.ESCALATION_POLICIES, "PE1",
        AuditRecordQuery.none()).toList()).isNotEmpty();
    assertThatThrownBy(() -> pd.auditRecords().forResource(ResourceType.USERS, "U",
        AuditRecordQuery.builder().rootResourceTypes("users").build()))
        .hasMessageContaining("account-wide");
    wm.stubFor(get(urlPathEqualTo("/audit/records")).willReturn(example(200, "audit-records")));
    assertThat(pd.auditRecords().list().toList()).isNotEmpty();
  }
}
