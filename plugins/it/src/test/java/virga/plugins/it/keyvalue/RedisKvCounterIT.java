package virga.plugins.it.keyvalue;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import virga.testsupport.RedisServer;

/** kv-counter on {@code backend=redis} against a real redis-server. */
class RedisKvCounterIT extends KvCounterContract {
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
  Map<String, String> settings() {
    return Map.of("backend", "redis", "url", "redis://127.0.0.1:" + redis.port());
  }

  @Override
  boolean persists() {
    return true;
  }
}
