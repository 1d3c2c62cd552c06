package dev.pdkit.internal.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import static dev.pdkit.internal.rest.RestWireMock.example;
import static dev.pdkit.internal.rest.RestWireMock.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.pdkit.PagerDuty;
import dev.pdkit.errors.NotFoundException;
import dev.pdkit.model.Integration;
import dev.pdkit.model.Service;
import dev.pdkit.model.ServiceStatus;
import dev.pdkit.rest.ListQuery;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ServicesImplTest {
  @RegisterExtension static WireMockExtension wm = RestWireMock.extension();
  private static final String KEY = "8f1d5ce09d8a4b3cb4cfa9b0c8e1d2f3";

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
  void list_withFilters_sendsRepeatedBracketKeysAndDecodesEveryPage() {
    wm.stubFor(get(urlPathEqualTo("/services")).withQueryParam("offset", equalTo("0"))
        .willReturn(example(200, "services-list")));

    List<Service> services = pd.services().list(ListQuery.builder().query("mail")
        .teamIds("T1", "T2").include("integrations", "teams").sortBy("name:desc").build()).toList();

    assertThat(services).isNotEmpty();
    assertThat(services.get(0).name()).isNotBlank();
    wm.verify(getRequestedFor(urlPathEqualTo("/services"))
        .withQueryParam("query", equalTo("mail"))
        .withQueryParam("team_ids[]", havingExactly("T1", "T2"))
        .withQueryParam("include[]", havingExactly("integrations", "teams"))
        .withQueryParam("sort_by", equalTo("name:desc"))
        .withQueryParam("limit", equalTo("100"))
        .withHeader("Accept", equalTo("application/vnd.pagerduty+json;version=2")));
  }

  @Test
  void get_withInclude_readsIntegrationsWithSecretKeys() {
    wm.stubFor(get(urlPathEqualTo("/services/PSVC1")).willReturn(json(200, """
        {"service":{"id":"PSVC1","type":"service","name":"checkout",
          "escalation_policy":{"id":"PEP","type":"escalation_policy_reference"},
          "integrations":[{"id":"PI1","type":"events_api_v2_inbound_integration",
            "name":"Events","integration_key":"%s"}]}}""".formatted(KEY))));

    Service s = pd.services().get("PSVC1", List.of("integrations"));

    assertThat(s.integrations().get(0).integrationKey().reveal()).isEqualTo(KEY);
    assertThat(s.toString()).doesNotContain(KEY);
    wm.verify(getRequestedFor(urlPathEqualTo("/services/PSVC1"))
        .withQueryParam("include[]", equalTo("integrations")));
  }

  @Test
  void getAsync_officialExample_decodes() {
    wm.stubFor(get(urlEqualTo("/services/PIJ90N7")).willReturn(example(200, "service-get")));

    Service s = pd.services().getAsync("PIJ90N7").join();

    assertThat(s.status()).isEqualTo(ServiceStatus.ACTIVE);
    assertThat(s.supportHours().timeZone()).isEqualTo("America/Lima");
  }

  @Test
  void get_unknownId_throwsNotFound() {
    wm.stubFor(get(urlEqualTo("/services/NOPE")).willReturn(json(404,
        "{\"error\":{\"code\":2100,\"message\":\"Not Found\"}}")));

    assertThatThrownBy(() -> pd.services().get("NOPE")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void asyncForms_failTheFutureWithTheApiErrorInsteadOfThrowing() {
    wm.stubFor(get(urlEqualTo("/services/NOPE")).willReturn(json(404,
        "{\"error\":{\"code\":2100,\"message\":\"Not Found\"}}")));
    wm.stubFor(delete(urlEqualTo("/services/NOPE")).willReturn(json(404,
        "{\"error\":{\"code\":2100,\"message\":\"Not Found\"}}")));

    var get = pd.services().getAsync("NOPE");
    var del = pd.services().deleteAsync("NOPE");

    assertThat(get).failsWithin(java.time.Duration.ofSeconds(10))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(NotFoundException.class);
    assertThat(del).failsWithin(java.time.Duration.ofSeconds(10))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(NotFoundException.class);
  }

  @Test
  void get_idWithSlash_isPercentEncoded() {
    wm.stubFor(get(urlEqualTo("/services/a%2Fb")).willReturn(example(200, "service-get")));

    assertThat(pd.services().get("a/b").id()).isEqualTo("PIJ90N7");
    assertThatThrownBy(() -> pd.services().get(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("id must not be blank");
  }

  @Test
  void create_wrapsTheServiceAndReturnsTheCreatedOne() {
    wm.stubFor(post(urlEqualTo("/services")).willReturn(example(201, "service-get")));

    Service created = pd.services().create(Service.builder().name("checkout")
        .escalationPolicy("PEP").autoResolveTimeout(0).build());

    assertThat(created.id()).isEqualTo("PIJ90N7");
    wm.verify(postRequestedFor(urlEqualTo("/services"))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson("""
            {"service":{"type":"service","name":"checkout","auto_resolve_timeout":0,
             "escalation_policy":{"id":"PEP","type":"escalation_policy_reference"},
             "scheduled_actions":[]}}""")));
  }

  @Test
  void updateAsync_putsWrappedServiceAtItsPath() {
    wm.stubFor(put(urlEqualTo("/services/PIJ90N7")).willReturn(example(200, "service-get")));

    Service updated = pd.services().updateAsync("PIJ90N7", Service.builder().name("renamed")
        .escalationPolicy("PEP").build()).join();

    assertThat(updated.id()).isEqualTo("PIJ90N7");
    wm.verify(putRequestedFor(urlEqualTo("/services/PIJ90N7"))
        .withRequestBody(equalToJson("{\"service\":{\"name\":\"renamed\"}}", true, true)));
  }

  @Test
  void delete_sendsDeleteAndAccepts204() {
    wm.stubFor(delete(urlEqualTo("/services/PX")).willReturn(aResponse().withStatus(204)));

    pd.services().delete("PX");
    pd.services().deleteAsync("PX").join();

    wm.verify(2, deleteRequestedFor(urlEqualTo("/services/PX")));
  }

  @Test
  void createIntegration_returnsItsKeyAsSecret() {
    wm.stubFor(post(urlEqualTo("/services/PSVC1/integrations")).willReturn(json(201, """
        {"integration":{"id":"PI9","type":"events_api_v2_inbound_integration","name":"alerts",
          "integration_key":"%s","service":{"id":"PSVC1","type":"service_reference"}}}"""
        .formatted(KEY))));

    Integration i = pd.services().createIntegration("PSVC1", Integration.eventsApiV2("alerts"));

    assertThat(i.integrationKey().reveal()).isEqualTo(KEY);
    assertThat(i.toString()).doesNotContain(KEY);
    wm.verify(postRequestedFor(urlEqualTo("/services/PSVC1/integrations"))
        .withRequestBody(equalToJson("""
            {"integration":{"type":"events_api_v2_inbound_integration","name":"alerts"}}""")));
  }

  @Test
  void integrationGetUpdateDelete_useTheNestedPath() {
    String path = "/services/PQL78HM/integrations/PE1U9CH";
    wm.stubFor(get(urlEqualTo(path)).willReturn(example(200, "integration-get")));
    wm.stubFor(put(urlEqualTo(path)).willReturn(example(200, "integration-get")));
    wm.stubFor(delete(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));

    Integration got = pd.services().getIntegration("PQL78HM", "PE1U9CH");
    Integration updated = pd.services().updateIntegrationAsync("PQL78HM", "PE1U9CH",
        got.withName("Email 2")).join();
    pd.services().deleteIntegration("PQL78HM", "PE1U9CH");

    assertThat(got.integrationEmail()).endsWith("@subdomain.pagerduty.com");
    assertThat(updated.id()).isEqualTo("PE1U9CH");
    wm.verify(putRequestedFor(urlEqualTo(path)).withRequestBody(
        equalToJson("{\"integration\":{\"name\":\"Email 2\"}}", true, true)));
    wm.verify(deleteRequestedFor(urlEqualTo(path)));
    assertThat(pd.services().getIntegrationAsync("PQL78HM", "PE1U9CH").join().id())
        .isEqualTo("PE1U9CH");
    pd.services().deleteIntegrationAsync("PQL78HM", "PE1U9CH").join();
    wm.verify(2, deleteRequestedFor(urlEqualTo(path)));
  }
}
