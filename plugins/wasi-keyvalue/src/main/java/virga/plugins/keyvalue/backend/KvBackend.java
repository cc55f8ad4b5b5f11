package virga.plugins.keyvalue.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One storage backend behind {@code wasi:keyvalue}. Callers pass physical bucket names and keys
 * already checked by {@link Names} and values already checked against the size limit, so a backend
 * only stores. Every method is thread-safe and bounded in time (a backend that cannot reach its
 * server fails with {@link KvException} after its timeout, never hangs).
 */
public interface KvBackend extends AutoCloseable {
  /** The backend kind as configured: {@code in-memory}, {@code filesystem}, {@code nats}, ... */
  String kind();

  /** Makes sure bucket {@code bucket} exists, creating it when missing. */
  void open(String bucket) throws KvException;

  /** The value of {@code key}, empty when the key is missing. */
  Optional<byte[]> get(String bucket, String key) throws KvException;

  /** Stores {@code value} under {@code key}, replacing any value. */
  void set(String bucket, String key, byte[] value) throws KvException;

  /** Removes {@code key}; a missing key is no error. */
  void delete(String bucket, String key) throws KvException;

  /** Whether {@code key} has a value. */
  boolean exists(String bucket, String key) throws KvException;

  /** Every key of the bucket, in any order ({@link KeyPaging} sorts and pages them). */
  List<String> keys(String bucket) throws KvException;

  /**
   * Adds {@code delta} (unsigned) to the counter at {@code key} atomically, reading and writing it
   * with {@link Counters}; a missing key counts as 0.
   */
  long increment(String bucket, String key, long delta) throws KvException;

  /** The values of {@code keys}, in order; backends with a multi-get override this. */
  default List<Optional<byte[]>> getMany(String bucket, List<String> keys) throws KvException {
    List<Optional<byte[]>> out = new ArrayList<>(keys.size());
    for (String k : keys) {
      out.add(get(bucket, k));
    }
    return out;
  }

  /** Stores every entry; not atomic, as WIT {@code batch} allows. */
  default void setMany(String bucket, List<Map.Entry<String, byte[]>> entries) throws KvException {
    for (Map.Entry<String, byte[]> e : entries) {
      set(bucket, e.getKey(), e.getValue());
    }
  }

  /** Removes every key; not atomic, as WIT {@code batch} allows. */
  default void deleteMany(String bucket, List<String> keys) throws KvException {
    for (String k : keys) {
      delete(bucket, k);
    }
  }

  /** Releases what the backend holds (connections it opened itself). */
  @Override
  default void close() {}
}
