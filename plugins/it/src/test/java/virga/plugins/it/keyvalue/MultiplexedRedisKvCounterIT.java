package virga.plugins.it.keyvalue;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import virga.plugin.HostPlugin;
import virga.plugins.keyvalue.MultiplexedKeyValuePlugin;
import virga.protocol.v2.WitInterface;
import virga.testsupport.RedisServer;

/**
 * kv-counter on plugin {@code wasi-keyvalue-multiplexed}: a named entry whose config picks Redis
 * ({@code backend}, {@code url}, {@code prefix}); the guest's plain {@code open("kv-counter")} goes
 * to the workload's only entry.
 */
class MultiplexedRedisKvCounterIT extends KvCounterContract {
  static RedisServer redis;

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Override
  HostPlugin plugin() {
    return new MultiplexedKeyValuePlugin();
  }

  @Override
  WitInterface.Builder keyvalueEntry() {
    return super.keyvalueEntry()
        .setName("cache")
        .putConfig("backend", "redis")
        .putConfig("url", "redis://127.0.0.1:" + redis.port())
        .putConfig("prefix", "mux:");
  }

  @Override
  Map<String, String> settings() {
    return Map.of();
  }

  @Override
  boolean persists() {
    return true;
  }
}
