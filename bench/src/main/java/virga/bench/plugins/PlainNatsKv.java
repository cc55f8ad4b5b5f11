package virga.bench.plugins;

import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;

/**
 * The NATS peer: jnats {@link KeyValue} on a bucket of its own (default settings, as the backend
 * creates).
 */
final class PlainNatsKv implements PlainKv {
  private final KeyValue kv;

  PlainNatsKv(Connection connection, String bucket) throws Exception {
    connection.keyValueManagement().create(KeyValueConfiguration.builder().name(bucket).build());
    kv = connection.keyValue(bucket);
  }

  @Override
  public byte[] get(String key) throws Exception {
    KeyValueEntry e = kv.get(key);
    return e == null ? null : e.getValue();
  }

  @Override
  public void set(String key, byte[] value) throws Exception {
    kv.put(key, value);
  }
}
