/**
 * Redis implementations of the pdkit SPIs, built on Lettuce: a shared {@link
 * dev.pdkit.spi.CacheProvider cache}, a distributed {@link dev.pdkit.spi.RateLimiter rate limiter},
 * a durable {@link dev.pdkit.spi.OutboxStore outbox} on Redis Streams and a {@link
 * dev.pdkit.spi.DeployLock deploy lock}, for Redis standalone and Redis Cluster.
 *
 * <p>Start at {@link dev.pdkit.redis.PdkitRedis}.
 */
@NullMarked
package dev.pdkit.redis;

import org.jspecify.annotations.NullMarked;
