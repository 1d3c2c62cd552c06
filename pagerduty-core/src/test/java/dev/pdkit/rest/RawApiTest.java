package dev.pdkit.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.pdkit.PagerDuty;
import dev.pdkit.errors.ConflictException;
import dev.pdkit.support.WireMockSupport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RawApiTest {
  @RegisterExtension static WireMockExtension wm = WireMockSupport.extension();

  private PagerDuty pd;

  @BeforeEach
  void setUp() {
    pd = WireMockSupport.noRetries(wm);
    wm.stubFor(any(anyUrl()).willReturn(okJson("{\"ok\":true}")));
  }

  @AfterEach
  void tearDown() {
    pd.close();
  }

  @Test
  void verbs_sendTheRightMethodsBodiesAndQueries() {
    RawApi raw = pd.raw();
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("include[]", List.of("teams", "escalation_policies"));
    q.put("query", "web");
    q.put("none", null);

    assertThat(raw.get("/services", q).path("ok").asBoolean()).isTrue();
    raw.get("/plain");
    raw.post("/tags", Map.of("tag", Map.of("label", "prod")));
    raw.put("/tags/T1", Map.of("tag", Map.of("label", "dev")));
    raw.delete("/tags/T1");
    raw.getAsync("/async", Map.of()).join();
    raw.postAsync("/async", Map.of()).join();
    raw.putAsync("/async", Map.of()).join();
    raw.deleteAsync("/async").join();
    raw.request(" patch ", "/p", Map.of(), Map.of("x", 1));

    var get = wm.findAll(getRequestedFor(urlPathEqualTo("/services"))).get(0);
    assertThat(get.queryParameter("include[]").values())
        .containsExactly("teams", "escalation_policies");
    assertThat(get.queryParameter("query").firstValue()).isEqualTo("web");
    assertThat(get.getUrl()).doesNotContain("none");
    wm.verify(getRequestedFor(urlEqualTo("/plain")));
    wm.verify(postRequestedFor(urlEqualTo("/tags"))
        .withRequestBody(equalToJson("{\"tag\":{\"label\":\"prod\"}}")));
    wm.verify(putRequestedFor(urlEqualTo("/tags/T1"))
        .withRequestBody(equalToJson("{\"tag\":{\"label\":\"dev\"}}")));
    wm.verify(deleteRequestedFor(urlEqualTo("/tags/T1")));
    wm.verify(com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor(urlEqualTo("/p"))
        .withHeader("Content-Type", equalTo("application/json")));
  }

  @Test
  void errors_areTyped_andBadMethodsRejected() {
    wm.stubFor(any(urlEqualTo("/conflict")).willReturn(aResponse().withStatus(409)
        .withBody("{\"error\":{\"message\":\"Conflict\"}}")));

    assertThatThrownBy(() -> pd.raw().post("/conflict", Map.of()))
        .isInstanceOf(ConflictException.class);
    assertThat(pd.raw().requestAsync("G E T", "/x", Map.of(), null)).isCompletedExceptionally();
    assertThatThrownBy(() -> pd.raw().get("no-slash")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void delete204_returnsMissingNode() {
    wm.stubFor(any(urlEqualTo("/gone")).willReturn(aResponse().withStatus(204)));
    JsonNode n = pd.raw().delete("/gone");
    assertThat(n.isMissingNode()).isTrue();
  }
}
