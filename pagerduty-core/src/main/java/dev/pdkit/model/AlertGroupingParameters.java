package dev.pdkit.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How a service groups alerts into incidents (deprecated by PagerDuty in favour of alert grouping
 * settings, still read and written by the services API).
 *
 * @param type {@code time}, {@code intelligent}, {@code content_based}, or null for no grouping
 * @param config the settings of that type
 */
public record AlertGroupingParameters(@Nullable String type, @Nullable Config config) {

  /**
   * Settings of every grouping type in one record (each type uses some of them).
   *
   * @param timeout time grouping: minutes to group (0 = until resolved)
   * @param aggregate content grouping: {@code all} or {@code any}
   * @param fields content grouping: the fields compared
   * @param timeWindow intelligent and content grouping: seconds between alerts (0 = recommended)
   * @param recommendedTimeWindow read-only recommended window
   */
  public record Config(
      @Nullable Integer timeout,
      @Nullable String aggregate,
      List<String> fields,
      @Nullable Integer timeWindow,
      @Nullable Integer recommendedTimeWindow) {
    public Config {
      fields = Lists.copy("fields", fields);
    }
  }

  /** Group every alert within {@code minutes} (0 = until the incident resolves). */
  public static AlertGroupingParameters time(int minutes) {
    return new AlertGroupingParameters("time", new Config(minutes, null, List.of(), null, null));
  }

  /** Intelligent grouping within {@code timeWindowSeconds} (0 = recommended). */
  public static AlertGroupingParameters intelligent(int timeWindowSeconds) {
    return new AlertGroupingParameters("intelligent",
        new Config(null, null, List.of(), timeWindowSeconds, null));
  }

  /** Group alerts whose {@code fields} match ({@code aggregate} = all or any). */
  public static AlertGroupingParameters contentBased(
      String aggregate, List<String> fields, int timeWindowSeconds) {
    return new AlertGroupingParameters("content_based",
        new Config(null, aggregate, fields, timeWindowSeconds, null));
  }
}
