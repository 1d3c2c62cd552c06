package dev.pdkit.redis.internal;

import java.util.Objects;

/**
 * Builds Redis key names. Every structure that one Lua script touches shares a hash tag ({@code
 * {...}}), so that on a Redis Cluster all its keys live in one slot and the script runs on one node.
 */
public final class Keys {
  private final String prefix;

  public Keys(String prefix) {
    this.prefix = checkPrefix(prefix);
  }

  public String prefix() {
    return prefix;
  }

  /** The prefix must not contain braces: they would become the cluster hash tag. */
  public static String checkPrefix(String prefix) {
    Objects.requireNonNull(prefix, "keyPrefix");
    if (prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
      throw new IllegalArgumentException(
          "keyPrefix must not contain '{' or '}' (they decide Redis Cluster slots), was: " + prefix);
    }
    return prefix;
  }

  /**
   * Checks a name that becomes a hash tag: non-empty, no braces, no control characters.
   *
   * @param what the parameter name, for the message
   */
  public static String checkName(String what, String name) {
    Objects.requireNonNull(name, what);
    if (name.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '{' || c == '}' || Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            what
                + " must not contain '{', '}' or control characters (it becomes a Redis Cluster hash"
                + " tag), was: "
                + name);
      }
    }
    return name;
  }

  /** {@code <prefix>cache:{name}:} — data keys of a cache are this plus {@code k:<key>}. */
  public String cacheBase(String name) {
    return prefix + "cache:{" + name + "}:";
  }

  /** Pub/sub channel carrying invalidations of cache {@code name}. */
  public String cacheChannel(String name) {
    return prefix + "cache:{" + name + "}:invalidations";
  }

  /** Hash holding the state of one token bucket. */
  public String bucket(String bucket) {
    return prefix + "ratelimit:{" + bucket + "}";
  }

  /** String holding the owner token of one lock. */
  public String lock(String name) {
    return prefix + "lock:{" + name + "}";
  }

  /** Base of the keys of outbox {@code name}: all share the tag {@code {outbox:name}}. */
  public String outboxBase(String name) {
    return prefix + "outbox:{" + name + "}:";
  }
}
