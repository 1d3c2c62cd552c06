/**
 * {@code pdkit backup}: list, verify and prune archives, make recipient keys; create and restore
 * extend {@link dev.pdkit.cli.backup.BackupBase}.
 */
@NullMarked
package dev.pdkit.cli.backup;

import org.jspecify.annotations.NullMarked;
