package dev.pdkit;

import java.net.URI;

/**
 * The PagerDuty service region an account lives in. Picks the REST and Events base URLs; use
 * {@link PagerDuty.Builder#apiUrl(URI)} / {@link PagerDuty.Builder#eventsUrl(URI)} for anything
 * else (a proxy, the testkit fake).
 */
public enum Region {
  /** United States (the default): {@code https://api.pagerduty.com}, {@code https://events.pagerduty.com}. */
  US("https://api.pagerduty.com", "https://events.pagerduty.com"),
  /** European Union: {@code https://api.eu.pagerduty.com}, {@code https://events.eu.pagerduty.com}. */
  EU("https://api.eu.pagerduty.com", "https://events.eu.pagerduty.com");

  private final URI apiUrl;
  private final URI eventsUrl;

  Region(String apiUrl, String eventsUrl) {
    this.apiUrl = URI.create(apiUrl);
    this.eventsUrl = URI.create(eventsUrl);
  }

  /** Base URL of the REST API v2. */
  public URI apiUrl() {
    return apiUrl;
  }

  /** Base URL of the Events API v2 (requests go to {@code /v2/enqueue} under it). */
  public URI eventsUrl() {
    return eventsUrl;
  }
}
