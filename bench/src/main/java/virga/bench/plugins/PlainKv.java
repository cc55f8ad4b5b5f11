package virga.bench.plugins;

/**
 * The peer of a {@code wasi:keyvalue} backend: the same get and set done by a plain Java client of
 * the same store, without a guest or the plugin.
 */
interface PlainKv extends AutoCloseable {
  /** The value of {@code key}, or null. */
  byte[] get(String key) throws Exception;

  void set(String key, byte[] value) throws Exception;

  @Override
  default void close() throws Exception {}
}
