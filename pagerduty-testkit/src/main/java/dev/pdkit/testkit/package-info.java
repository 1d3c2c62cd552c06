/**
 * pdkit testkit: {@link dev.pdkit.testkit.FakePagerDuty}, a stateful in-memory PagerDuty (REST v2 and
 * Events v2) served over HTTP on loopback, with a control API, a virtual clock, fault injection and
 * rate-limit emulation.
 */
@NullMarked
package dev.pdkit.testkit;

import org.jspecify.annotations.NullMarked;
