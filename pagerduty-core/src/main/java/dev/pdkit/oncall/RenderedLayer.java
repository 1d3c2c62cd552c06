package dev.pdkit.oncall;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One layer rendered on its own (restrictions applied, other layers and overrides ignored), like
 * PagerDuty's {@code rendered_schedule_entries}.
 *
 * @param index position of the layer in {@link ScheduleDefinition#layers()} (0 = lowest priority)
 * @param id the layer id, if known
 * @param name the layer name, if any
 * @param entries sorted, non-overlapping entries, adjacent same-user entries merged
 * @param coveragePercentage share of the rendered window covered, 0..100 (PagerDuty's {@code
 *     rendered_coverage_percentage})
 */
public record RenderedLayer(
    int index,
    @Nullable String id,
    @Nullable String name,
    List<ScheduleEntry> entries,
    double coveragePercentage) {

  public RenderedLayer {
    entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
  }
}
