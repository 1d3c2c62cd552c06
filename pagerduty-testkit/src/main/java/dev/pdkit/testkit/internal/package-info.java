/**
 * Implementation of the fake PagerDuty server. No compatibility promise: classes here may change
 * in any release.
 */
@NullMarked
package dev.pdkit.testkit.internal;

import org.jspecify.annotations.NullMarked;
