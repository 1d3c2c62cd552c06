package dev.pdkit.internal;

import dev.pdkit.errors.PagerDutyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Finds the implementation of an SPI: the value given to the builder, else the class named by a
 * system property, else the single {@link ServiceLoader} provider, else the built-in default. Two
 * or more providers on the class path fail fast naming them all, since picking one silently would
 * depend on class path order.
 */
public final class SpiLookup {
  private SpiLookup() {}

  /**
   * What was found and whether the client created it (and so must close it).
   *
   * @param value the implementation
   * @param created true unless it came from the builder
   * @param source where it came from, for logs: {@code builder}, {@code system property X},
   *     {@code ServiceLoader}, {@code default}
   */
  public record Found<T>(T value, boolean created, String source) {}

  /**
   * Looks up an SPI.
   *
   * @param type the SPI interface
   * @param given the builder value, or null
   * @param property the system property that may name an implementation class
   * @param loader class loader for the property's class and the ServiceLoader
   * @param fallback makes the built-in default
   * @param properties reads system properties (injectable for tests)
   */
  public static <T> Found<T> find(
      Class<T> type,
      @Nullable T given,
      String property,
      @Nullable ClassLoader loader,
      Supplier<T> fallback,
      Function<String, @Nullable String> properties) {
    Objects.requireNonNull(type, "type");
    if (given != null) {
      return new Found<>(given, false, "builder");
    }
    ClassLoader cl = loader != null ? loader : SpiLookup.class.getClassLoader();
    String className = properties.apply(property);
    if (className != null && !className.isBlank()) {
      return new Found<>(instantiate(type, className.strip(), property, cl), true,
          "system property " + property);
    }
    List<T> found = new ArrayList<>();
    try {
      for (T t : ServiceLoader.load(type, cl)) {
        found.add(t);
      }
    } catch (java.util.ServiceConfigurationError e) {
      throw new PagerDutyException("a " + type.getSimpleName() + " provider registered in"
          + " META-INF/services/" + type.getName() + " could not be loaded: " + e.getMessage(), e);
    }
    if (found.size() > 1) {
      List<String> names = new ArrayList<>();
      for (T t : found) {
        names.add(t.getClass().getName());
      }
      throw new PagerDutyException("found " + found.size() + " " + type.getSimpleName()
          + " providers on the class path (" + String.join(", ", names) + "); keep one, set the"
          + " system property " + property + " to the class to use, or pass one to the"
          + " PagerDuty builder");
    }
    if (found.size() == 1) {
      return new Found<>(found.get(0), true, "ServiceLoader");
    }
    return new Found<>(fallback.get(), true, "default");
  }

  private static <T> T instantiate(Class<T> type, String className, String property,
      ClassLoader cl) {
    try {
      Class<?> c = Class.forName(className, true, cl);
      if (!type.isAssignableFrom(c)) {
        throw new PagerDutyException("system property " + property + " names " + className
            + ", which does not implement " + type.getName());
      }
      return type.cast(c.getDeclaredConstructor().newInstance());
    } catch (ClassNotFoundException e) {
      throw new PagerDutyException("system property " + property + " names " + className
          + ", which is not on the class path", e);
    } catch (ReflectiveOperationException | RuntimeException e) {
      if (e instanceof PagerDutyException pe) {
        throw pe;
      }
      throw new PagerDutyException("system property " + property + " names " + className
          + ", which could not be created with a public no-argument constructor: " + e, e);
    }
  }
}
