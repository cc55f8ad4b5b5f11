package virga.plugins.keyvalue.backend;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Buckets as key prefixes in one Redis database (jedis), as wasmCloud's {@code RedisKeyValue}: the
 * Redis key of {@code key} in bucket {@code b} is {@code <prefix>b:key}. Redis has no bucket
 * objects, so {@code open} creates nothing and a bucket never goes missing. Connections come from a
 * pool whose connect, read and borrow waits are all bounded by {@code timeout}.
 */
public final class RedisBackend implements KvBackend {
  private static final int SCAN_COUNT = 1000;
  private static final int MAX_CAS_ATTEMPTS = 100;

  private final JedisPool pool;
  private final String prefix;

  /**
   * A backend on the server of {@code url} ({@code redis://host:port/db}), keys under {@code
   * prefix}.
   */
  public RedisBackend(String url, String prefix, Duration timeout) {
    GenericObjectPoolConfig<Jedis> config = new GenericObjectPoolConfig<>();
    config.setMaxTotal(64);
    config.setMaxWait(timeout);
    config.setJmxEnabled(false);
    int millis = (int) Math.max(1, timeout.toMillis());
    this.pool = new JedisPool(config, URI.create(url), millis, millis);
    this.prefix = prefix == null ? "" : prefix;
  }

  @Override
  public String kind() {
    return "redis";
  }

  private byte[] redisKey(String bucket, String key) {
    return (prefix + bucket + ":" + key).getBytes(StandardCharsets.UTF_8);
  }

  /** A call on one pooled connection. */
  private interface Call<T> {
    T run(Jedis jedis) throws KvException;
  }

  private <T> T call(String what, Call<T> call) throws KvException {
    try (Jedis jedis = pool.getResource()) {
      return call.run(jedis);
    } catch (JedisAccessControlException e) {
      throw KvException.accessDenied("Redis: cannot " + what + ": " + e.getMessage(), e);
    } catch (JedisException e) {
      throw KvException.other("Redis: cannot " + what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void open(String bucket) throws KvException {
    // Nothing to create; a PING tells the guest now, not at its first get, that Redis is away.
    call("open bucket '" + bucket + "'", j -> j.ping());
  }

  @Override
  public Optional<byte[]> get(String bucket, String key) throws KvException {
    return call("get key '" + key + "'", j -> Optional.ofNullable(j.get(redisKey(bucket, key))));
  }

  @Override
  public void set(String bucket, String key, byte[] value) throws KvException {
    call("set key '" + key + "'", j -> j.set(redisKey(bucket, key), value));
  }

  @Override
  public void delete(String bucket, String key) throws KvException {
    call("delete key '" + key + "'", j -> j.del(redisKey(bucket, key)));
  }

  @Override
  public boolean exists(String bucket, String key) throws KvException {
    return call("check key '" + key + "'", j -> j.exists(redisKey(bucket, key)));
  }

  @Override
  public List<String> keys(String bucket) throws KvException {
    String start = prefix + bucket + ":";
    // Bucket names are [A-Za-z0-9_-] (Names), so they hold no glob character; the prefix may.
    byte[] pattern = (globEscape(start) + "*").getBytes(StandardCharsets.UTF_8);
    return call(
        "list keys",
        j -> {
          List<String> keys = new ArrayList<>();
          byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
          ScanParams params = new ScanParams().match(pattern).count(SCAN_COUNT);
          do {
            ScanResult<byte[]> page = j.scan(cursor, params);
            for (byte[] k : page.getResult()) {
              keys.add(new String(k, StandardCharsets.UTF_8).substring(start.length()));
            }
            cursor = page.getCursorAsBytes();
          } while (!"0".equals(new String(cursor, StandardCharsets.US_ASCII)));
          return keys;
        });
  }

  private static String globEscape(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      if ("*?[]\\".indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  @Override
  public long increment(String bucket, String key, long delta) throws KvException {
    byte[] k = redisKey(bucket, key);
    return call(
        "increment key '" + key + "'",
        j -> {
          // WATCH/MULTI: the write applies only if nobody wrote the key since the read. INCRBY
          // alone would refuse the 8-byte counters Counters also reads.
          for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
            j.watch(k);
            long next;
            try {
              next = Counters.add(key, Counters.decode(key, j.get(k)), delta);
            } catch (KvException e) {
              j.unwatch();
              throw e;
            }
            Transaction t = j.multi();
            t.set(k, Counters.encode(next));
            if (t.exec() != null) {
              return next;
            }
          }
          throw KvException.other(
              "increment of '" + key + "' lost " + MAX_CAS_ATTEMPTS + " races; try again");
        });
  }

  @Override
  public List<Optional<byte[]>> getMany(String bucket, List<String> keys) throws KvException {
    if (keys.isEmpty()) {
      return List.of();
    }
    byte[][] ks = keys.stream().map(k -> redisKey(bucket, k)).toArray(byte[][]::new);
    return call(
        "get keys",
        j -> {
          List<Optional<byte[]>> out = new ArrayList<>();
          for (byte[] v : j.mget(ks)) {
            out.add(Optional.ofNullable(v));
          }
          return out;
        });
  }

  @Override
  public void setMany(String bucket, List<Map.Entry<String, byte[]>> entries) throws KvException {
    if (entries.isEmpty()) {
      return;
    }
    byte[][] kv = new byte[entries.size() * 2][];
    for (int i = 0; i < entries.size(); i++) {
      kv[2 * i] = redisKey(bucket, entries.get(i).getKey());
      kv[2 * i + 1] = entries.get(i).getValue();
    }
    call("set keys", j -> j.mset(kv));
  }

  @Override
  public void deleteMany(String bucket, List<String> keys) throws KvException {
    if (keys.isEmpty()) {
      return;
    }
    byte[][] ks = keys.stream().map(k -> redisKey(bucket, k)).toArray(byte[][]::new);
    call("delete keys", j -> j.del(ks));
  }

  @Override
  public void close() {
    pool.close();
  }
}
