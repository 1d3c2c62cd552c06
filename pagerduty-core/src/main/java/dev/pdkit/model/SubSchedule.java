package dev.pdkit.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A computed view of a schedule ({@code final_schedule} or {@code overrides_subschedule}). Its
 * entries are filled only when the schedule was fetched with {@code since}/{@code until}.
 *
 * @param name {@code Final Schedule} or {@code Overrides}
 * @param renderedScheduleEntries the on-call spans in the requested window
 * @param renderedCoveragePercentage how much of the window is covered, {@code null} without a window
 */
public record SubSchedule(
    @Nullable String name,
    List<ScheduleEntry> renderedScheduleEntries,
    @Nullable Double renderedCoveragePercentage) {
  public SubSchedule {
    renderedScheduleEntries = Lists.copy("renderedScheduleEntries", renderedScheduleEntries);
  }
}
