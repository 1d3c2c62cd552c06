/**
 * Configuration as code: load a config folder ({@code config/pagerduty.yaml},
 * {@code config/services/*.yaml}, {@code config/environments/<env>.yaml},
 * {@code config/templates/*.mustache}), merge the environment overlay, validate everything at once
 * and get an immutable {@link dev.pdkit.config.DesiredState}.
 *
 * <pre>{@code
 * DesiredState state = ConfigLoader.builder().directory(Path.of("config")).build().load("production");
 * state.service("checkout-api").orElseThrow().escalationPolicy();   // "platform"
 * }</pre>
 *
 * <p>Every problem is reported with file, line, column, path and a hint; see
 * {@link dev.pdkit.config.ConfigProblem}. The format is documented in {@code docs/config.md} and the
 * JSON Schema {@code docs/schema/pdkit-config.schema.json}.
 */
@NullMarked
package dev.pdkit.config;

import org.jspecify.annotations.NullMarked;
