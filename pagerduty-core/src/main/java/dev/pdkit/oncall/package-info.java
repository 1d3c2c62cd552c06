/**
 * The on-call engine: pure, deterministic computations over schedules and escalation policies.
 *
 * <p>Nothing here does I/O or reads the clock: every instant is passed in. Inputs are the engine's
 * own small immutable definitions ({@link dev.pdkit.oncall.ScheduleDefinition},
 * {@link dev.pdkit.oncall.EscalationPolicyDefinition}); outputs are rendered schedules (per layer and
 * final, plus coverage gaps), who is on call at an escalation level, and the escalation timeline
 * PagerDuty would follow for an unacknowledged incident.
 *
 * <pre>{@code
 * ScheduleDefinition schedule = ScheduleDefinition.builder()
 *     .id("PSCHED1").timeZone(ZoneId.of("Europe/Berlin"))
 *     .addLayer(LayerDefinition.builder()
 *         .start(Instant.parse("2024-01-01T08:00:00Z"))
 *         .rotationVirtualStart(Instant.parse("2024-01-01T08:00:00Z"))
 *         .rotationTurnLength(Duration.ofDays(7))
 *         .users(List.of("PUSER1", "PUSER2"))
 *         .build())
 *     .build();
 * RenderedSchedule week = schedule.render(since, since.plus(Duration.ofDays(7)));
 * OnCallEngine engine = OnCallEngine.of(List.of(schedule));
 * EscalationTimeline timeline = engine.timeline(policy, Instant.now(clock));
 * }</pre>
 *
 * <p>All types are immutable and thread-safe.
 */
@NullMarked
package dev.pdkit.oncall;

import org.jspecify.annotations.NullMarked;
