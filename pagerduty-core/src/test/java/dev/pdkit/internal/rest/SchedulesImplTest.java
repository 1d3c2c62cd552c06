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
import static dev.pdkit.internal.rest.RestWireMock.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.pdkit.PagerDuty;
import dev.pdkit.errors.DecodingException;
import dev.pdkit.model.OverrideResult;
import dev.pdkit.model.Restriction;
import dev.pdkit.model.Schedule;
import dev.pdkit.model.ScheduleLayer;
import dev.pdkit.model.ScheduleOverride;
import dev.pdkit.model.User;
import dev.pdkit.rest.ListQuery;
import dev.pdkit.rest.Schedules.OverrideRemoval;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SchedulesImplTest {
  @RegisterExtension static WireMockExtension wm = RestWireMock.extension();
  private static final Instant SINCE = Instant.parse("2015-11-09T00:00:00Z");
  private static final Instant UNTIL = Instant.parse("2015-11-16T00:00:00Z");

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
  void render_sendsWindowAndTimeZoneAndReturnsFinalSchedule() {
    wm.stubFor(get(urlPathEqualTo("/schedules/PI7DH85")).willReturn(example(200, "schedule-get")));

    Schedule s = pd.schedules().render("PI7DH85", SINCE, UNTIL, "America/New_York");

    assertThat(s.finalSchedule().renderedScheduleEntries()).hasSize(1);
    wm.verify(getRequestedFor(urlPathEqualTo("/schedules/PI7DH85"))
        .withQueryParam("since", equalTo("2015-11-09T00:00:00Z"))
        .withQueryParam("until", equalTo("2015-11-16T00:00:00Z"))
        .withQueryParam("time_zone", equalTo("America/New_York")));
    assertThatThrownBy(() -> pd.schedules().render("PI7DH85", UNTIL, SINCE, null))
        .hasMessageContaining("must be after since");
  }

  @Test
  void crud_wrapsSchedule() {
    wm.stubFor(get(urlPathEqualTo("/schedules")).willReturn(example(200, "schedules-list")));
    wm.stubFor(get(urlEqualTo("/schedules/PI7DH85")).willReturn(example(200, "schedule-get")));
    wm.stubFor(post(urlEqualTo("/schedules")).willReturn(example(201, "schedule-get")));
    wm.stubFor(put(urlEqualTo("/schedules/PI7DH85")).willReturn(example(200, "schedule-get")));
    wm.stubFor(delete(urlEqualTo("/schedules/PI7DH85")).willReturn(aResponse().withStatus(204)));
    OffsetDateTime start = OffsetDateTime.parse("2015-11-06T20:00:00-05:00");
    Schedule desired = Schedule.builder().name("Daily Engineering Rotation")
        .timeZone("America/New_York").addLayer(ScheduleLayer.builder().name("Night Shift")
            .start(start).rotationTurnLengthSeconds(86400).addUser("PXPGF42")
            .addRestriction(Restriction.daily(LocalTime.of(8, 0), 32400)).build())
        .build();

    assertThat(pd.schedules().list(ListQuery.text("Daily")).toList()).hasSize(1);
    assertThat(pd.schedules().get("PI7DH85").scheduleLayers()).hasSize(1);
    Schedule created = pd.schedules().create(desired);
    pd.schedules().update("PI7DH85", created.toBuilder().name("Renamed").build());
    pd.schedules().delete("PI7DH85");

    wm.verify(postRequestedFor(urlEqualTo("/schedules")).withRequestBody(equalToJson("""
        {"schedule":{"type":"schedule","name":"Daily Engineering Rotation",
          "time_zone":"America/New_York","schedule_layers":[{"name":"Night Shift",
            "start":"2015-11-06T20:00:00-05:00","rotation_virtual_start":"2015-11-06T20:00:00-05:00",
            "rotation_turn_length_seconds":86400,
            "users":[{"user":{"id":"PXPGF42","type":"user_reference"}}],
            "restrictions":[{"type":"daily_restriction","duration_seconds":32400,
              "start_time_of_day":"08:00:00"}]}]}}""")));
    wm.verify(putRequestedFor(urlEqualTo("/schedules/PI7DH85"))
        .withRequestBody(equalToJson("{\"schedule\":{\"name\":\"Renamed\"}}", true, true)));
    wm.verify(deleteRequestedFor(urlEqualTo("/schedules/PI7DH85")));
  }

  @Test
  void overrides_listCreateAndDelete() {
    wm.stubFor(get(urlPathEqualTo("/schedules/S1/overrides"))
        .willReturn(example(200, "overrides-list")));
    wm.stubFor(post(urlEqualTo("/schedules/S1/overrides"))
        .willReturn(example(201, "overrides-create")));
    wm.stubFor(delete(urlEqualTo("/schedules/S1/overrides/O1"))
        .willReturn(aResponse().withStatus(204)));
    wm.stubFor(delete(urlEqualTo("/schedules/S1/overrides/O2"))
        .willReturn(json(200, "{\"override\":{}}")));
    OffsetDateTime t = OffsetDateTime.parse("2021-03-09T05:00:00Z");

    List<ScheduleOverride> listed = pd.schedules().overrides("S1", SINCE, UNTIL);
    List<OverrideResult> results = pd.schedules().createOverrides("S1",
        List.of(ScheduleOverride.of("P37CSDJ", t, t.plusHours(12))));

    assertThat(listed).singleElement().satisfies(o -> assertThat(o.id()).isEqualTo("PQ47DCP"));
    assertThat(results).extracting(OverrideResult::created).containsExactly(true, true, false);
    assertThat(pd.schedules().deleteOverride("S1", "O1")).isEqualTo(OverrideRemoval.DELETED);
    assertThat(pd.schedules().deleteOverrideAsync("S1", "O2").join())
        .isEqualTo(OverrideRemoval.TRUNCATED);
    wm.verify(getRequestedFor(urlPathEqualTo("/schedules/S1/overrides"))
        .withQueryParam("since", equalTo("2015-11-09T00:00:00Z")));
    wm.verify(postRequestedFor(urlEqualTo("/schedules/S1/overrides")).withRequestBody(equalToJson("""
        {"overrides":[{"start":"2021-03-09T05:00:00Z","end":"2021-03-09T17:00:00Z",
          "user":{"id":"P37CSDJ","type":"user_reference"}}]}""")));
    assertThatThrownBy(() -> pd.schedules().createOverrides("S1", List.of()))
        .hasMessageContaining("at least one override");
  }

  @Test
  void createOverrides_nonArrayAnswer_isADecodingError() {
    wm.stubFor(post(urlEqualTo("/schedules/S1/overrides")).willReturn(json(201, "{}")));
    OffsetDateTime t = OffsetDateTime.parse("2021-03-09T05:00:00Z");

    assertThatThrownBy(() -> pd.schedules().createOverrides("S1",
        List.of(ScheduleOverride.of("U", t, t.plusHours(1)))))
        .isInstanceOf(DecodingException.class).hasMessageContaining("array");
  }

  @Test
  void usersOnCall_sendsOptionalWindow() {
    wm.stubFor(get(urlPathEqualTo("/schedules/S1/users")).willReturn(example(200, "schedule-users")));

    List<User> users = pd.schedules().usersOnCall("S1", SINCE, UNTIL);
    List<User> now = pd.schedules().usersOnCall("S1", null, null);

    assertThat(users).isNotEmpty().hasSameSizeAs(now);
    wm.verify(getRequestedFor(urlPathEqualTo("/schedules/S1/users"))
        .withQueryParam("until", equalTo("2015-11-16T00:00:00Z")));
  }

  @Test
  void missingArrayMember_isADecodingError() {
    wm.stubFor(get(urlPathEqualTo("/schedules/S1/users")).willReturn(json(200, "{}")));

    assertThatThrownBy(() -> pd.schedules().usersOnCall("S1", null, null))
        .isInstanceOf(DecodingException.class).hasMessageContaining("'users'");
  }
}
