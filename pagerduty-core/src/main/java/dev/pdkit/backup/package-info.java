/**
 * Backups of a whole PagerDuty account: encrypted, compressed, verifiable archives, and restores
 * into the same or another account with every reference remapped.
 */
@NullMarked
package dev.pdkit.backup;

import org.jspecify.annotations.NullMarked;
