/**
 * Deploy a {@link dev.pdkit.config.DesiredState} to PagerDuty: {@link dev.pdkit.deploy.Deployer#plan}
 * reads the live account and diffs it field by field against the config; {@link
 * dev.pdkit.deploy.Deployer#apply} executes the plan in dependency order (users, teams, schedules,
 * escalation policies, services, integrations; deletes in reverse) and records every write in the
 * {@link dev.pdkit.spi.AuditSink}. Up to {@link dev.pdkit.deploy.Deployer.Builder#concurrency} writes of
 * one dependency tier run at once, under the client's rate limiter; audit entries stay in plan order.
 *
 * <p><b>Rollback.</b> Apply snapshots every resource the plan updates or deletes before its first
 * write. When a write fails it undoes what it wrote, newest first: deletes what it created, restores
 * what it updated, recreates what it deleted (references remapped to the new ids), audits each undo
 * ({@code rollback-create}, {@code rollback-update}, {@code rollback-delete}) and throws a {@link
 * dev.pdkit.deploy.DeployException} with a {@link dev.pdkit.deploy.RollbackReport}. If an undo fails the
 * rollback stops and the report lists what is left and what to do by hand.
 *
 * <p><b>Lock.</b> Apply holds the {@link dev.pdkit.spi.DeployLock} {@code deploy:<environment>} (default:
 * lease files in {@code ~/.pdkit/locks}, see {@link dev.pdkit.spi.DeployLock#file}); a second deploy of
 * the same environment fails at once, naming the holder.
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
