/** Implementation of the deploy engine: live state reading, normalisation, execution. */
@NullMarked
package dev.pdkit.deploy.internal;

import org.jspecify.annotations.NullMarked;
