/**
 * JUnit 5 support for {@link dev.pdkit.testkit.FakePagerDuty}: the {@link
 * dev.pdkit.testkit.junit.PagerDutyTest @PagerDutyTest} annotation and the {@link
 * dev.pdkit.testkit.junit.PagerDutyExtension} for {@code @RegisterExtension}, both injecting a
 * {@code FakePagerDuty} and a {@link dev.pdkit.PagerDuty} client pointed at it.
 */
@NullMarked
package dev.pdkit.testkit.junit;

import org.jspecify.annotations.NullMarked;
