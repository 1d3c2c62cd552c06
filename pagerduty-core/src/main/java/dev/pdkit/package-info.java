/**
 * pdkit: the {@link dev.pdkit.PagerDuty} entry point, its options, {@link dev.pdkit.Region} and {@link dev.pdkit.Secret}.
 */
@NullMarked
package dev.pdkit;

import org.jspecify.annotations.NullMarked;
