package dev.pdkit.redis;

/** Whether the Redis behind a URL is a single server (or a primary with replicas) or a Cluster. */
public enum Topology {
  /** Ask the first server ({@code INFO cluster}) and choose. The default. */
  AUTO,
  /** One server; also right for a primary behind a proxy or a managed endpoint. */
  STANDALONE,
  /** Redis Cluster: the URLs are seed nodes; the client discovers the rest and follows slots. */
  CLUSTER
}
