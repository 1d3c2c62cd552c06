/**
 * Deploy a {@link dev.pdkit.config.DesiredState} to PagerDuty: {@link dev.pdkit.deploy.Deployer#plan}
 * reads the live account and diffs it field by field against the config; {@link
 * dev.pdkit.deploy.Deployer#apply} executes the plan in dependency order (users, teams, schedules,
 * escalation policies, services, integrations; deletes in reverse) and records every write in the
 * {@link dev.pdkit.spi.AuditSink}.
 *
 * <p><b>Managed marker.</b> Teams, schedules, escalation policies and services that pdkit manages
 * carry a marker at the end of their description: {@code [pdkit:env=<environment>;key=<key>]}. The
 * marker, not the name, identifies the resource, so renaming in the config updates the resource in
 * place (ids and integration keys survive). Resources without a marker of this environment are never
 * touched. Users are identified by e-mail; integrations by name within their service.
 */
@NullMarked
package dev.pdkit.deploy;

import org.jspecify.annotations.NullMarked;
