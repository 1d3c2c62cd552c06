package dev.pdkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The pdkit version, from a resource filtered at build time. */
public final class Version {
  private static final String VERSION = load();

  private Version() {}

  /** The pdkit version, e.g. {@code 0.1.0-SNAPSHOT}, or {@code unknown}. */
  public static String pdkit() {
    return VERSION;
  }

  /** The default user agent: {@code pdkit/<version> java/<version>}. */
  public static String userAgent() {
    return "pdkit/" + VERSION + " java/" + System.getProperty("java.version", "unknown");
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("pdkit-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown");
      return v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
