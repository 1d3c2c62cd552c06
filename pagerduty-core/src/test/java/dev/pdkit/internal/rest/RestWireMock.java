package dev.pdkit.internal.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.pdkit.PagerDuty;
import dev.pdkit.RetryPolicy;
import dev.pdkit.model.Examples;
import dev.pdkit.support.ManualClock;
import dev.pdkit.support.RecordingScheduler;
import dev.pdkit.support.WireMockSupport;
import java.time.Instant;

/** WireMock on loopback plus clients pointed at it, for the resource tests. */
final class RestWireMock {
  static final String FROM = "ops@example.com";
  static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");

  private RestWireMock() {}

  static WireMockExtension extension(Extension... extensions) {
    return WireMockExtension.newInstance()
        .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(extensions))
        .build();
  }

  /** A client with a From default, a manual clock at {@link #NOW} and no retries. */
  static PagerDuty client(WireMockExtension wm) {
    ManualClock clock = new ManualClock(NOW);
    return WireMockSupport.builder(wm, clock, new RecordingScheduler(clock))
        .retryPolicy(RetryPolicy.none()).from(FROM).build();
  }

  /** The same, without a From default. */
  static PagerDuty clientWithoutFrom(WireMockExtension wm) {
    ManualClock clock = new ManualClock(NOW);
    return WireMockSupport.builder(wm, clock, new RecordingScheduler(clock))
        .retryPolicy(RetryPolicy.none()).build();
  }

  /** A JSON response with an official example as body. */
  static ResponseDefinitionBuilder example(int status, String name) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody(Examples.text(name));
  }

  /** An official list example marked as the last page ({@code more=false}). */
  static ResponseDefinitionBuilder lastPage(String name) {
    com.fasterxml.jackson.databind.node.ObjectNode root =
        (com.fasterxml.jackson.databind.node.ObjectNode) Examples.tree(name);
    root.put("more", false);
    return json(200, root.toString());
  }

  /** A JSON response. */
  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody(body);
  }
}
