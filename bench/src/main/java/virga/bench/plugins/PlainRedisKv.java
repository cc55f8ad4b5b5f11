package virga.bench.plugins;

import java.nio.charset.StandardCharsets;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/**
 * The Redis peer: GET and SET through a {@link JedisPool} (as the backend), keys {@code prefix +
 * key}.
 */
final class PlainRedisKv implements PlainKv {
  private final JedisPool pool;
  private final String prefix;

  PlainRedisKv(int port, String prefix) {
    this.pool = new JedisPool("127.0.0.1", port);
    this.prefix = prefix;
  }

  private byte[] key(String key) {
    return (prefix + key).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] get(String key) {
    try (Jedis j = pool.getResource()) {
      return j.get(key(key));
    }
  }

  @Override
  public void set(String key, byte[] value) {
    try (Jedis j = pool.getResource()) {
      j.set(key(key), value);
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
