package virga.plugins.keyvalue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import virga.plugins.keyvalue.backend.KvBackend;
import virga.plugins.keyvalue.backend.RedisBackend;
import virga.testsupport.RedisServer;

/**
 * The conformance suite on {@link RedisBackend} against a real redis-server, plus the key layout
 * wasmCloud uses and a server that goes away.
 */
class RedisBackendIT extends KvConformance {
  static RedisServer redis;

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  static String url(RedisServer server) {
    return "redis://127.0.0.1:" + server.port();
  }

  @Override
  KvBackend newBackend() {
    return new RedisBackend(url(redis), "", Duration.ofSeconds(2));
  }

  @Override
  boolean removeBucket(String physical) {
    return false; // a Redis bucket is only a key prefix
  }

  @Test
  void keysAreBucketColonKeyAsInWasmCloudAndCountersAreIncrbyCompatible() {
    Bucket b = open();
    ok(store.bucketSet(b, "user:1", bytes("ann")));
    ok(atomics.increment(b, "hits", 3));
    try (Jedis j = new Jedis("127.0.0.1", redis.port())) {
      assertThat(j.get(b.physical() + ":user:1")).isEqualTo("ann");
      // what wasmCloud's Redis backend does for increment works on our counters and back
      assertThat(j.incrBy(b.physical() + ":hits", 2)).isEqualTo(5L);
    }
    assertThat(ok(atomics.increment(b, "hits", 1))).isEqualTo(6L);
  }

  @Test
  void aPrefixGoesBeforeTheBucket() {
    try (RedisBackend prefixed = new RedisBackend(url(redis), "tenant-", Duration.ofSeconds(2))) {
      String bucket = unique();
      Bucket b = new Bucket(prefixed, bucket, bucket);
      ok(new KvStore(id -> b, Limits.DEFAULT, Calls.unmetered()).bucketSet(b, "k", bytes("v")));
      try (Jedis j = new Jedis("127.0.0.1", redis.port())) {
        assertThat(j.get("tenant-" + bucket + ":k")).isEqualTo("v");
      }
    }
  }

  @Test
  void aServerThatGoesAwayGivesAnErrorWithinTheTimeoutNotAHang() {
    RedisServer doomed = RedisServer.start();
    try (RedisBackend onDoomed = new RedisBackend(url(doomed), "", Duration.ofSeconds(1))) {
      KvStore s =
          new KvStore(id -> new Bucket(onDoomed, id, id), Limits.DEFAULT, Calls.unmetered());
      KvAtomics a = new KvAtomics(Calls.unmetered());
      Bucket b = ok(s.open(unique()));
      ok(s.bucketSet(b, "k", bytes("v")));
      doomed.close();
      long start = System.nanoTime();
      StoreError e = err(s.bucketGet(b, "k"));
      assertThat(((StoreError.Other) e).value()).startsWith("Redis: cannot get key 'k': ");
      assertThat(err(a.increment(b, "n", 1))).isInstanceOf(StoreError.Other.class);
      assertThat(err(s.open(unique()))).isInstanceOf(StoreError.Other.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    } finally {
      doomed.close();
    }
  }
}
