package dev.pdkit.config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A service.
 *
 * @param key stable key
 * @param name PagerDuty name, with the name prefix applied
 * @param description optional
 * @param team owning team's key, or {@code null}
 * @param escalationPolicy the escalation policy's key (always resolved)
 * @param urgency incident urgency (default high)
 * @param acknowledgementTimeout re-trigger after this long acknowledged; {@code null} disables
 * @param autoResolveTimeout resolve after this long open; {@code null} disables
 * @param alertGrouping alert grouping, or {@code null} for none
 * @param supportHours support hours, set when urgency is {@link Urgency#SUPPORT_HOURS}
 * @param integrations integrations by key
 * @param managed pdkit creates and updates it (default true)
 * @param adopt pdkit may take over an existing service with the same name
 */
public record ServiceSpec(
    String key,
    String name,
    @Nullable String description,
    @Nullable String team,
    String escalationPolicy,
    Urgency urgency,
    @Nullable Duration acknowledgementTimeout,
    @Nullable Duration autoResolveTimeout,
    @Nullable AlertGrouping alertGrouping,
    @Nullable SupportHours supportHours,
    List<Integration> integrations,
    boolean managed,
    boolean adopt) {

  public ServiceSpec {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(escalationPolicy, "escalationPolicy");
    Objects.requireNonNull(urgency, "urgency");
    integrations = List.copyOf(integrations);
  }

  /** Incident urgency. */
  public enum Urgency {
    HIGH,
    LOW,
    SUPPORT_HOURS;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Alert grouping: type and, for {@code time}, the window. */
  public record AlertGrouping(Type type, @Nullable Duration timeout) {
    public AlertGrouping {
      Objects.requireNonNull(type, "type");
    }

    /** Grouping kinds. */
    public enum Type {
      TIME,
      INTELLIGENT,
      CONTENT_BASED;

      public String wire() {
        return name().toLowerCase(Locale.ROOT);
      }
    }
  }

  /** Support hours: days of the week and a daily window in a time zone. */
  public record SupportHours(ZoneId timeZone, Set<DayOfWeek> days, LocalTime startTime, LocalTime endTime) {
    public SupportHours {
      Objects.requireNonNull(timeZone, "timeZone");
      Objects.requireNonNull(startTime, "startTime");
      Objects.requireNonNull(endTime, "endTime");
      days = Set.copyOf(days);
    }
  }

  /** An integration of a service, keyed within the service. */
  public record Integration(String key, Type type, String name) {
    public Integration {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(name, "name");
    }

    /** Integration kinds and their API type. */
    public enum Type {
      EVENTS_API_V2("events_api_v2_inbound_integration"),
      GENERIC_EVENTS_API("generic_events_api_inbound_integration"),
      EMAIL("generic_email_inbound_integration");

      private final String wire;

      Type(String wire) {
        this.wire = wire;
      }

      /** The API's integration {@code type}. */
      public String wire() {
        return wire;
      }
    }
  }
}
