package virga.wasi.differential;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import virga.component.Linker;
import virga.component.types.ResourceType;
import virga.component.values.Value;

/**
 * Java ports of {@code guests/oracle/hosts/wasi-extra.mjs}, the node oracle's hosts of the
 * non-preview2-shim interfaces the WASI fixtures import (cguest.js, rguest.js and jsapp.js all
 * re-export it), keyed {@code ns:pkg/iface#func} (no version). They must behave exactly like the JS
 * ones; the {@code host: ...} line of each call is printed by {@link WasiTranscriptRunner}, as
 * {@code hostlog.mjs} does.
 */
final class WasiHosts {
  private WasiHosts() {}

  /** {@code const configData = { greeting: 'hi-from-host', mode: 'oracle' }}, in that order. */
  static final Map<String, String> CONFIG = configData();

  private static Map<String, String> configData() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("greeting", "hi-from-host");
    m.put("mode", "oracle");
    return m;
  }

  /**
   * The host functions for one run (fresh key-value buckets, like a fresh node process). {@code
   * resources} gives the host resource type registered for {@code ns:pkg/iface#name}, or null when
   * the component does not import it.
   */
  static Map<String, Linker.HostFunction> create(Function<String, ResourceType> resources) {
    Map<String, Linker.HostFunction> m = new LinkedHashMap<>();
    // get: (key) => configData[key]  -- jco lowers undefined as ok(none), a string as ok(some(s))
    m.put(
        "wasi:config/store#get",
        a -> {
          String v = CONFIG.get(((Value.Str) a[0]).value());
          return Value.ok(v == null ? Value.none() : Value.some(Value.string(v)));
        });
    // getAll: () => Object.entries(configData)
    m.put(
        "wasi:config/store#get-all",
        a -> {
          List<Value> entries = new ArrayList<>();
          CONFIG.forEach((k, v) -> entries.add(Value.tuple(Value.string(k), Value.string(v))));
          return Value.ok(Value.list(entries));
        });
    // log: () => {}
    m.put("wasi:logging/logging#log", a -> null);
    ResourceType bucketType = resources.apply("wasi:keyvalue/store#bucket");
    if (bucketType != null) {
      keyvalue(m, bucketType);
    }
    return m;
  }

  /** The {@code Bucket} class and {@code open} of wasi-extra.mjs. */
  private static void keyvalue(Map<String, Linker.HostFunction> m, ResourceType bucketType) {
    String kv = "wasi:keyvalue/store#";
    Map<String, Bucket> buckets = new LinkedHashMap<>();
    // open(identifier): one Bucket per identifier for the whole run; jco lowers it as ok(own)
    m.put(
        kv + "open",
        a ->
            Value.ok(
                Value.own(
                    bucketType, buckets.computeIfAbsent(((Value.Str) a[0]).value(), Bucket::new))));
    // get(key) { return this.map.get(key); }
    m.put(
        kv + "[method]bucket.get",
        a -> {
          List<Value> v = bucket(a[0]).map.get(str(a[1]));
          return Value.ok(v == null ? Value.none() : Value.some(Value.list(v)));
        });
    // set(key, value) { this.map.set(key, Uint8Array.from(value)); }
    m.put(
        kv + "[method]bucket.set",
        a -> {
          bucket(a[0]).map.put(str(a[1]), List.copyOf(((Value.ListValue) a[2]).elements()));
          return Value.ok();
        });
    // delete(key) { this.map.delete(key); }
    m.put(
        kv + "[method]bucket.delete",
        a -> {
          bucket(a[0]).map.remove(str(a[1]));
          return Value.ok();
        });
    // exists(key) { return this.map.has(key); }
    m.put(
        kv + "[method]bucket.exists",
        a -> Value.ok(Value.bool(bucket(a[0]).map.containsKey(str(a[1])))));
    // listKeys(cursor) { return { keys: [...this.map.keys()], cursor: undefined }; } (insertion
    // order)
    m.put(
        kv + "[method]bucket.list-keys",
        a ->
            Value.ok(
                Value.record(
                    Value.field(
                        "keys",
                        Value.list(
                            bucket(a[0]).map.keySet().stream()
                                .map(k -> (Value) Value.string(k))
                                .toList())),
                    Value.field("cursor", Value.none()))));
  }

  /** A bucket: a JS Map from key to bytes, so insertion-ordered. No destructor (nothing logged). */
  private static final class Bucket {
    final String id;
    final Map<String, List<Value>> map = new LinkedHashMap<>();

    Bucket(String id) {
      this.id = id;
    }
  }

  private static Bucket bucket(Value handle) {
    Object rep =
        handle instanceof Value.Borrow b ? b.rep() : handle instanceof Value.Own o ? o.rep() : null;
    if (!(rep instanceof Bucket b)) {
      throw new IllegalStateException("not a bucket handle: " + handle);
    }
    return b;
  }

  private static String str(Value v) {
    return ((Value.Str) v).value();
  }
}
