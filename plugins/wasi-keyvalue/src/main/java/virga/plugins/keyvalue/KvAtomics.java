package virga.plugins.keyvalue;

import virga.plugin.Result;
import virga.plugin.WitImplementation;
import virga.plugins.keyvalue.backend.Counters;
import virga.plugins.keyvalue.backend.Names;

/** {@code wasi:keyvalue/atomics}: counters in the {@link Counters} encoding on every backend. */
@WitImplementation(value = KeyValueWit.ATOMICS, wit = KeyValueWit.WIT)
public final class KvAtomics {
  private final Calls calls;

  KvAtomics(Calls calls) {
    this.calls = calls;
  }

  /**
   * {@code increment: func(bucket: borrow<bucket>, key: string, delta: u64) -> result<u64, error>}.
   */
  public Result<Long, StoreError> increment(Bucket bucket, String key, long delta) {
    return calls.run(
        "increment",
        bucket.backend().kind(),
        () -> {
          Names.checkKey(key);
          return bucket.backend().increment(bucket.physical(), key, delta);
        });
  }
}
