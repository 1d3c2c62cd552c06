/** Implementation of capture and restore: account reading, normalised views, planning, execution. */
@NullMarked
package dev.pdkit.backup.internal;

import org.jspecify.annotations.NullMarked;
