package virga.bench.plugins;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Duration;
import virga.testsupport.NatsServer;
import virga.testsupport.NatsServerBinary;
import virga.testsupport.RedisServer;

/**
 * The real servers of one driver run, children of its JVM on free 127.0.0.1 ports (test-support):
 * nats-server with JetStream and, when asked for, redis-server; closing stops them.
 */
final class BenchServers implements AutoCloseable {
  private final NatsServer nats;
  private final RedisServer redis;

  BenchServers(boolean withRedis) {
    nats = NatsServer.start(NatsServerBinary.find());
    RedisServer r = null;
    try {
      r = withRedis ? RedisServer.start() : null;
    } catch (RuntimeException e) {
      nats.close();
      throw e;
    }
    redis = r;
  }

  /** A new client connection to the nats-server. */
  Connection connect() throws Exception {
    return Nats.connect(
        Options.builder().server(nats.url()).connectionTimeout(Duration.ofSeconds(5)).build());
  }

  int natsPort() {
    return nats.port();
  }

  /** The redis-server's port; fails unless it was asked for. */
  int redisPort() {
    if (redis == null) {
      throw new IllegalStateException("no redis-server in this run");
    }
    return redis.port();
  }

  /**
   * {@code key=value} lines naming the servers (the script checks that their ports are closed
   * after).
   */
  String describe() {
    return "nats_port="
        + nats.port()
        + "\n"
        + (redis == null ? "" : "redis_port=" + redis.port() + "\n");
  }

  @Override
  public void close() {
    try {
      if (redis != null) {
        redis.close();
      }
    } finally {
      nats.close();
    }
  }
}
