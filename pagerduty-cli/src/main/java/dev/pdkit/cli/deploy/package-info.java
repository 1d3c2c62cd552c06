/** {@code pdkit deploy} (plan, approve, apply) and {@code pdkit audit verify}. */
@NullMarked
package dev.pdkit.cli.deploy;

import org.jspecify.annotations.NullMarked;
