package dev.pdkit.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * Who is on call for an escalation policy level at a time. The fake assigns and escalates incidents
 * through this function, so a real on-call engine can replace the built-in rule
 * ({@link SimpleOnCall}: the level's user targets, plus a naive rendering of schedule targets).
 */
@FunctionalInterface
public interface OnCallResolver {
  /**
   * The ids of the users on call.
   *
   * @param store the fake's entities (read only; called under the fake's lock)
   * @param escalationPolicy the stored escalation policy
   * @param level 1-based escalation level (index into {@code escalation_rules} + 1)
   * @param at the virtual time
   * @return user ids, in assignment order, never null (empty when nobody is on call)
   */
  List<String> onCall(Store store, ObjectNode escalationPolicy, int level, Instant at);
}
