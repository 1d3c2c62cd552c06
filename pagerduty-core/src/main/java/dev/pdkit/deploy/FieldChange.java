package dev.pdkit.deploy;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One differing field, in normalised form.
 *
 * @param field the field name, e.g. {@code acknowledgement_timeout}
 * @param before the live value, {@code null} when unset or when the resource is created
 * @param after the desired value, {@code null} when unset or when the resource is deleted
 */
public record FieldChange(String field, @Nullable String before, @Nullable String after) {
  public FieldChange {
    Objects.requireNonNull(field, "field");
  }
}
