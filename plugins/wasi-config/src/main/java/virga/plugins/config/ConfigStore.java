package virga.plugins.config;

import io.micrometer.core.instrument.Counter;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import virga.plugin.Result;
import virga.plugin.WitImplementation;

/**
 * {@code wasi:config/store} for one workload item: reads an immutable snapshot that {@link
 * #replace} swaps whole, so a guest sees either the old values or the new ones, never a mix.
 */
@WitImplementation(value = WasiConfigPlugin.STORE, wit = WasiConfigPlugin.WIT)
public final class ConfigStore {
  /** WIT {@code variant error { upstream(string), io(string) }}; this host never returns one. */
  public sealed interface Error {
    /** An error from an upstream config source. */
    record Upstream(String value) implements Error {}

    /** An error from an I/O operation. */
    record Io(String value) implements Error {}
  }

  /** The values and, precomputed, the sorted entries {@code get-all} returns. */
  private record Snapshot(SortedMap<String, String> values, List<Map.Entry<String, String>> all) {
    static Snapshot of(Map<String, String> values) {
      TreeMap<String, String> sorted = new TreeMap<>(values);
      List<Map.Entry<String, String>> all =
          sorted.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList();
      return new Snapshot(Collections.unmodifiableSortedMap(sorted), all);
    }
  }

  private final Counter gets;
  private final Counter getAlls;
  private volatile Snapshot snapshot;

  ConfigStore(Map<String, String> values, Counter gets, Counter getAlls) {
    this.snapshot = Snapshot.of(values);
    this.gets = gets;
    this.getAlls = getAlls;
  }

  /** {@code get: func(key: string) -> result<option<string>, error>}: none for a missing key. */
  public Result<Optional<String>, Error> get(String key) {
    gets.increment();
    return Result.ok(Optional.ofNullable(snapshot.values().get(key)));
  }

  /** {@code get-all: func() -> result<list<tuple<string, string>>, error>}, sorted by key. */
  public Result<List<Map.Entry<String, String>>, Error> getAll() {
    getAlls.increment();
    return Result.ok(snapshot.all());
  }

  /** The current values, sorted by key. */
  Map<String, String> values() {
    return snapshot.values();
  }

  /** Replaces every value at once: the next call sees {@code values}. */
  void replace(Map<String, String> values) {
    snapshot = Snapshot.of(values);
  }
}
