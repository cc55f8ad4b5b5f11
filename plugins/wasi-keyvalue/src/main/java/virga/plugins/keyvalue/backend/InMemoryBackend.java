package virga.plugins.keyvalue.backend;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Buckets in this JVM's memory, as wasmCloud's {@code InMemoryKeyValue}: the plugin gives each
 * workload its own instance and drops it at unbind, so workloads never see each other's data and
 * nothing outlives the workload.
 */
public final class InMemoryBackend implements KvBackend {
  private final Map<String, Map<String, byte[]>> buckets = new ConcurrentHashMap<>();

  @Override
  public String kind() {
    return "in-memory";
  }

  @Override
  public void open(String bucket) {
    buckets.computeIfAbsent(bucket, b -> new ConcurrentHashMap<>());
  }

  /** Removes a bucket with its keys (what an operator deleting a bucket would do). */
  public void drop(String bucket) {
    buckets.remove(bucket);
  }

  private Map<String, byte[]> bucket(String bucket) throws KvException {
    Map<String, byte[]> b = buckets.get(bucket);
    if (b == null) {
      throw KvException.noSuchStore(bucket);
    }
    return b;
  }

  @Override
  public Optional<byte[]> get(String bucket, String key) throws KvException {
    return Optional.ofNullable(bucket(bucket).get(key)).map(byte[]::clone);
  }

  @Override
  public void set(String bucket, String key, byte[] value) throws KvException {
    bucket(bucket).put(key, value.clone());
  }

  @Override
  public void delete(String bucket, String key) throws KvException {
    bucket(bucket).remove(key);
  }

  @Override
  public boolean exists(String bucket, String key) throws KvException {
    return bucket(bucket).containsKey(key);
  }

  @Override
  public List<String> keys(String bucket) throws KvException {
    return List.copyOf(bucket(bucket).keySet());
  }

  @Override
  public long increment(String bucket, String key, long delta) throws KvException {
    Map<String, byte[]> b = bucket(bucket);
    // compute() runs under the map's lock for this key: the read-add-write is atomic.
    long[] result = new long[1];
    KvException[] failure = new KvException[1];
    b.compute(
        key,
        (k, old) -> {
          try {
            result[0] = Counters.add(k, Counters.decode(k, old), delta);
            return Counters.encode(result[0]);
          } catch (KvException e) {
            failure[0] = e;
            return old;
          }
        });
    if (failure[0] != null) {
      throw failure[0];
    }
    return result[0];
  }
}
