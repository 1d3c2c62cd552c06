/**
 * Health checks of one PagerDuty account, optionally against a {@link
 * dev.pdkit.config.DesiredState}: {@link dev.pdkit.health.HealthCheck} runs the checks concurrently,
 * each with a timeout, and returns a {@link dev.pdkit.health.HealthReport} of {@link
 * dev.pdkit.health.CheckResult}s (OK, WARN or FAIL, with the latency of each check) that prints as
 * aligned text or JSON. Reports never contain an API token or an integration key (at most the last
 * four characters of a key).
 */
@NullMarked
package dev.pdkit.health;

import org.jspecify.annotations.NullMarked;
