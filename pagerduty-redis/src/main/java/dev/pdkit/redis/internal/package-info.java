/**
 * Implementation of the Redis module. Not an API: classes here may change in any release. Reach
 * them through {@link dev.pdkit.redis.PdkitRedis}.
 */
@NullMarked
package dev.pdkit.redis.internal;

import org.jspecify.annotations.NullMarked;
