package dev.pdkit.redis.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A Lua script and its SHA-1, so that callers send {@code EVALSHA} (a 40 byte digest) and fall back
 * to {@code EVAL} only when the server answers {@code NOSCRIPT} (first use, after a restart, a
 * {@code SCRIPT FLUSH}, or on a cluster node that has not seen it yet). {@code EVAL} also loads the
 * script, so the fallback happens once per server.
 */
public final class LuaScript {
  private final String name;
  private final String source;
  private final String sha1;

  private LuaScript(String name, String source) {
    this.name = name;
    this.source = source;
    this.sha1 = sha1Hex(source);
  }

  /** A script called {@code name} (used in error messages). */
  public static LuaScript of(String name, String source) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    return new LuaScript(name, source);
  }

  public String name() {
    return name;
  }

  public String source() {
    return source;
  }

  /** Lower-case hex SHA-1 of the source, as Redis computes it for {@code EVALSHA}. */
  public String sha1() {
    return sha1;
  }

  private static String sha1Hex(String source) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(md.digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by every Java platform", e);
    }
  }

  @Override
  public String toString() {
    return "LuaScript[" + name + " " + sha1 + "]";
  }
}
