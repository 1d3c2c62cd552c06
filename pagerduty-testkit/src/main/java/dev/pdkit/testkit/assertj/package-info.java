/**
 * AssertJ assertions over a {@link dev.pdkit.testkit.FakePagerDuty}: events it received, incidents it
 * holds and its request journal. Entry point: {@link dev.pdkit.testkit.assertj.PagerDutyAssertions}.
 */
@NullMarked
package dev.pdkit.testkit.assertj;

import org.jspecify.annotations.NullMarked;
