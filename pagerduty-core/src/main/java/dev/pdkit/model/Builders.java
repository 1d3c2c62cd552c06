package dev.pdkit.model;

import java.util.List;

/** Shared builder validation: one message naming every problem. */
final class Builders {
  private Builders() {}

  static void check(String type, List<String> problems) {
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "cannot build " + type + ": " + String.join("; ", problems));
    }
  }
}
