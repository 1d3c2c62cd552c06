package dev.pdkit.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Shared checks for the query builders. */
final class Queries {
  private Queries() {}

  static List<String> ids(String field, String... ids) {
    Objects.requireNonNull(ids, field);
    List<String> out = new ArrayList<>(ids.length);
    for (String id : ids) {
      if (id == null || id.isBlank()) {
        throw new IllegalArgumentException(field + " must not contain null or blank ids");
      }
      out.add(id);
    }
    return out;
  }

  static List<String> ids(String field, Iterable<String> ids) {
    Objects.requireNonNull(ids, field);
    List<String> out = new ArrayList<>();
    ids.forEach(out::add);
    return ids(field, out.toArray(String[]::new));
  }
}
