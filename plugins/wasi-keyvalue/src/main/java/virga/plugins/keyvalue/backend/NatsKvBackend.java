package virga.plugins.keyvalue.backend;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.KeyValueOptions;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Buckets as NATS JetStream KV buckets (jnats {@link KeyValue}). {@code open} creates a missing
 * bucket with default settings (as wasmCloud's {@code NatsKeyValue} does since #5228); a bucket
 * that exists with other settings is used as it is. Keys valid in JetStream stay as they are
 * (wasmCloud's data is found); others are escaped with {@link Names#escapeKey}. Every request is
 * bounded by {@code timeout}: with the server gone, a call fails after it instead of hanging.
 */
public final class NatsKvBackend implements KvBackend {
  // JetStream API error codes (nats-server errors.json)
  private static final int STREAM_NOT_FOUND = 10059;
  private static final int WRONG_LAST_SEQUENCE = 10071;
  private static final int MAX_CAS_ATTEMPTS = 100;

  private final Connection connection;
  private final KeyValueOptions options;
  private final Map<String, KeyValue> handles = new ConcurrentHashMap<>();

  /**
   * A backend on {@code connection} (not closed by this backend), requests bounded by {@code
   * timeout}.
   */
  public NatsKvBackend(Connection connection, Duration timeout) {
    this.connection = connection;
    this.options = KeyValueOptions.builder().jsRequestTimeout(timeout).build();
  }

  @Override
  public String kind() {
    return "nats";
  }

  private static String key(String key) {
    return Names.escapeKey(key, "./");
  }

  @Override
  public void open(String bucket) throws KvException {
    if (handles.containsKey(bucket)) {
      // known to exist; a bucket deleted since is noticed by the next call, which forgets it
      return;
    }
    try {
      KeyValueManagement kvm = connection.keyValueManagement(options);
      if (!bucketExists(kvm, bucket)) {
        try {
          kvm.create(KeyValueConfiguration.builder().name(bucket).build());
        } catch (JetStreamApiException e) {
          // another host may have created it meanwhile, maybe with other settings
          if (!bucketExists(kvm, bucket)) {
            throw e;
          }
        }
      }
      handles.computeIfAbsent(bucket, b -> handle(b));
    } catch (IOException | JetStreamApiException | IllegalStateException e) {
      throw failure("open bucket '" + bucket + "'", bucket, e);
    }
  }

  private static boolean bucketExists(KeyValueManagement kvm, String bucket)
      throws IOException, JetStreamApiException {
    try {
      kvm.getStatus(bucket);
      return true;
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  private KeyValue handle(String bucket) {
    try {
      return connection.keyValue(bucket, options);
    } catch (IOException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private KeyValue kv(String bucket) throws KvException {
    try {
      return handles.computeIfAbsent(bucket, this::handle);
    } catch (IllegalStateException e) {
      throw failure("open bucket '" + bucket + "'", bucket, e);
    }
  }

  /** An operation of the bucket that may fail in jnats' ways. */
  private interface Call<T> {
    T run(KeyValue kv) throws IOException, JetStreamApiException, InterruptedException, KvException;
  }

  private <T> T call(String what, String bucket, Call<T> call) throws KvException {
    try {
      return call.run(kv(bucket));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw KvException.other(what + " interrupted", e);
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      throw failure(what, bucket, e);
    }
  }

  /**
   * Sorts a jnats failure: a deleted bucket is no-such-store. A get or put on a deleted bucket
   * shows as a timeout or "no responders" rather than stream-not-found, so while connected the
   * bucket is looked up once; while disconnected it is not (a lookup would only wait out the
   * timeout again).
   */
  private KvException failure(String what, String bucket, Exception e) {
    if (e instanceof JetStreamApiException api && api.getApiErrorCode() == STREAM_NOT_FOUND) {
      handles.remove(bucket);
      return KvException.noSuchStore(bucket);
    }
    if (connection.getStatus() == Connection.Status.CONNECTED) {
      try {
        if (!bucketExists(connection.keyValueManagement(options), bucket)) {
          handles.remove(bucket);
          return KvException.noSuchStore(bucket);
        }
      } catch (IOException | JetStreamApiException | RuntimeException ignored) {
        // fall through to the original failure
      }
    }
    return KvException.other("NATS KV: cannot " + what + ": " + e.getMessage(), e);
  }

  private static Optional<byte[]> value(KeyValueEntry e) {
    if (e == null || e.getOperation() != KeyValueOperation.PUT) {
      return Optional.empty();
    }
    byte[] v = e.getValue();
    return Optional.of(v == null ? new byte[0] : v);
  }

  @Override
  public Optional<byte[]> get(String bucket, String key) throws KvException {
    return call("get key '" + key + "'", bucket, kv -> value(kv.get(key(key))));
  }

  @Override
  public void set(String bucket, String key, byte[] value) throws KvException {
    call("set key '" + key + "'", bucket, kv -> kv.put(key(key), value));
  }

  @Override
  public void delete(String bucket, String key) throws KvException {
    call(
        "delete key '" + key + "'",
        bucket,
        kv -> {
          kv.delete(key(key));
          return null;
        });
  }

  @Override
  public boolean exists(String bucket, String key) throws KvException {
    return get(bucket, key).isPresent();
  }

  @Override
  public List<String> keys(String bucket) throws KvException {
    return call(
        "list keys",
        bucket,
        kv -> {
          List<String> keys = new ArrayList<>();
          for (String k : kv.keys()) {
            keys.add(Names.unescapeKey(k));
          }
          return keys;
        });
  }

  @Override
  public long increment(String bucket, String key, long delta) throws KvException {
    String k = key(key);
    return call(
        "increment key '" + key + "'",
        bucket,
        kv -> {
          // Optimistic: write only if nobody wrote since the read (JetStream's expected revision).
          for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
            KeyValueEntry e = kv.get(k);
            Optional<byte[]> current = value(e);
            long next = Counters.add(key, Counters.decode(key, current.orElse(null)), delta);
            try {
              if (current.isPresent()) {
                kv.update(k, Counters.encode(next), e.getRevision());
              } else {
                kv.create(k, Counters.encode(next));
              }
              return next;
            } catch (JetStreamApiException conflict) {
              if (conflict.getApiErrorCode() != WRONG_LAST_SEQUENCE) {
                throw conflict;
              }
            }
          }
          throw KvException.other(
              "increment of '" + key + "' lost " + MAX_CAS_ATTEMPTS + " races; try again");
        });
  }
}
