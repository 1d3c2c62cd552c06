package dev.pdkit.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of three masters (no replicas) on loopback, made with {@code redis-cli --cluster
 * create}. {@link #close()} stops every node.
 */
final class RedisCluster implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final List<RedisServer> nodes;

  private RedisCluster(List<RedisServer> nodes) {
    this.nodes = nodes;
  }

  static RedisCluster start() {
    List<RedisServer> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        nodes.add(
            RedisServer.start(
                "--cluster-enabled",
                "yes",
                "--cluster-config-file",
                "nodes.conf",
                "--cluster-node-timeout",
                "2000"));
      }
      List<String> cmd = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
      for (RedisServer n : nodes) {
        cmd.add("127.0.0.1:" + n.port());
      }
      cmd.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("redis-cli --cluster create failed: " + output);
      }
      long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
      while (!allOk(nodes)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("cluster did not reach cluster_state:ok in time");
        }
        RedisServer.sleep(50);
      }
      return new RedisCluster(nodes);
    } catch (IOException | RuntimeException e) {
      nodes.forEach(RedisServer::close);
      throw new IllegalStateException("cannot start a Redis Cluster: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      nodes.forEach(RedisServer::close);
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static boolean allOk(List<RedisServer> nodes) {
    for (RedisServer n : nodes) {
      // "CLUSTER INFO" answers a bulk string; read it through redis-cli for simplicity
      try {
        Process p =
            new ProcessBuilder("redis-cli", "-p", Integer.toString(n.port()), "cluster", "info")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(5, TimeUnit.SECONDS);
        if (!out.contains("cluster_state:ok")) {
          return false;
        }
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  List<RedisServer> nodes() {
    return nodes;
  }

  /** Seed URLs of all nodes, comma-separated (the form {@code PdkitRedis.create} accepts). */
  String url() {
    return nodes.stream().map(RedisServer::url).collect(Collectors.joining(","));
  }

  @Override
  public void close() {
    nodes.forEach(RedisServer::close);
  }
}
