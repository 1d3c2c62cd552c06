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
import static dev.pdkit.internal.rest.RestWireMock.FROM;
import static dev.pdkit.internal.rest.RestWireMock.example;
import static dev.pdkit.internal.rest.RestWireMock.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.pdkit.PagerDuty;
import dev.pdkit.model.User;
import dev.pdkit.model.UserRole;
import dev.pdkit.rest.ListQuery;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UsersImplTest {
  @RegisterExtension static WireMockExtension wm = RestWireMock.extension();

  private static final String ADA = """
      {"users":[
        {"id":"PX1","type":"user","name":"Ada Other","email":"ada.other@example.com"},
        {"id":"PADA","type":"user","name":"Ada","email":"Ada@Example.com"}],
       "limit":100,"offset":0,"more":false}""";

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
  void list_withQueryAndInclude_sendsThem() {
    wm.stubFor(get(urlPathEqualTo("/users")).willReturn(example(200, "users-list")));

    List<User> users = pd.users().list(ListQuery.builder().query("earline")
        .include("contact_methods", "teams").teamIds("T1").build()).toList();

    assertThat(users).isNotEmpty();
    wm.verify(getRequestedFor(urlPathEqualTo("/users")).withQueryParam("query", equalTo("earline"))
        .withQueryParam("include[]", havingExactly("contact_methods", "teams"))
        .withQueryParam("team_ids[]", equalTo("T1")));
    assertThat(pd.users().list().toList()).hasSameSizeAs(users);
  }

  @Test
  void getAndMe_decodeTheWrappedUser() {
    wm.stubFor(get(urlEqualTo("/users/PXPGF42")).willReturn(example(200, "user-get")));
    wm.stubFor(get(urlEqualTo("/users/me")).willReturn(example(200, "user-get")));

    assertThat(pd.users().get("PXPGF42").role()).isEqualTo(UserRole.ADMIN);
    assertThat(pd.users().me().id()).isEqualTo("PXPGF42");
    assertThat(pd.users().meAsync().join().email()).contains("@");
  }

  @Test
  void create_sendsFromAndWrappedUser() {
    wm.stubFor(post(urlEqualTo("/users")).willReturn(example(201, "user-get")));

    User created = pd.users().create(User.builder().name("Earline Greenholt")
        .email("125.greenholt.earline@graham.name").role(UserRole.ADMIN).build());

    assertThat(created.id()).isEqualTo("PXPGF42");
    wm.verify(postRequestedFor(urlEqualTo("/users")).withHeader("From", equalTo(FROM))
        .withRequestBody(equalToJson("""
            {"user":{"type":"user","name":"Earline Greenholt",
              "email":"125.greenholt.earline@graham.name","role":"admin",
              "invitation_sent":false,"created_via_sso":false}}""")));
  }

  @Test
  void create_withoutFrom_failsBeforeSending() {
    try (PagerDuty noFrom = RestWireMock.clientWithoutFrom(wm)) {
      User u = User.builder().name("A").email("a@example.com").build();
      assertThatThrownBy(() -> noFrom.users().create(u)).hasMessageContaining("From");
    }
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void findByEmail_matchesCaseInsensitivelyAndCachesHits() {
    wm.stubFor(get(urlPathEqualTo("/users")).willReturn(json(200, ADA)));

    Optional<User> first = pd.users().findByEmail("ada@example.com");
    Optional<User> second = pd.users().findByEmail(" ADA@example.COM ");
    Optional<User> third = pd.users().findByEmailAsync("ada@example.com").join();

    assertThat(first).map(User::id).contains("PADA");
    assertThat(second).isEqualTo(first);
    assertThat(third).isEqualTo(first);
    wm.verify(1, getRequestedFor(urlPathEqualTo("/users"))
        .withQueryParam("query", equalTo("ada@example.com")));
  }

  @Test
  void findByEmail_miss_isEmptyAndNotCached() {
    wm.stubFor(get(urlPathEqualTo("/users")).willReturn(json(200, ADA)));

    assertThat(pd.users().findByEmail("nobody@example.com")).isEmpty();
    assertThat(pd.users().findByEmail("nobody@example.com")).isEmpty();

    wm.verify(2, getRequestedFor(urlPathEqualTo("/users")));
    assertThatThrownBy(() -> pd.users().findByEmail(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void updateAndDelete_dropTheEmailCache() {
    wm.stubFor(get(urlPathEqualTo("/users")).willReturn(json(200, ADA)));
    wm.stubFor(put(urlEqualTo("/users/PADA")).willReturn(example(200, "user-get")));
    wm.stubFor(delete(urlEqualTo("/users/PADA")).willReturn(aResponse().withStatus(204)));

    pd.users().findByEmail("ada@example.com");
    User updated = pd.users().update("PADA", User.builder().name("Ada L")
        .email("ada@example.com").build());
    pd.users().findByEmail("ada@example.com");
    pd.users().delete("PADA");
    pd.users().findByEmail("ada@example.com");

    assertThat(updated.id()).isEqualTo("PXPGF42");
    wm.verify(putRequestedFor(urlEqualTo("/users/PADA"))
        .withRequestBody(equalToJson("{\"user\":{\"name\":\"Ada L\"}}", true, true)));
    wm.verify(deleteRequestedFor(urlEqualTo("/users/PADA")));
    wm.verify(3, getRequestedFor(urlPathEqualTo("/users")));
  }
}
