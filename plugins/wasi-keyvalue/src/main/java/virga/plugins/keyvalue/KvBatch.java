package virga.plugins.keyvalue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import virga.plugin.Result;
import virga.plugin.WitImplementation;
import virga.plugins.keyvalue.backend.Names;

/**
 * {@code wasi:keyvalue/batch}. Every key and value is checked before the first write, so bad input
 * changes nothing; a backend failure halfway may leave part of a batch done, as the WIT allows.
 */
@WitImplementation(value = KeyValueWit.BATCH, wit = KeyValueWit.WIT)
public final class KvBatch {
  private final Limits limits;
  private final Calls calls;

  KvBatch(Limits limits, Calls calls) {
    this.limits = limits;
    this.calls = calls;
  }

  /** {@code get-many}: none for each missing key, in the order asked. */
  public Result<List<Optional<Map.Entry<String, byte[]>>>, StoreError> getMany(
      Bucket bucket, List<String> keys) {
    return calls.run(
        "get-many",
        bucket.backend().kind(),
        () -> {
          for (String k : keys) {
            Names.checkKey(k);
          }
          List<Optional<byte[]>> values = bucket.backend().getMany(bucket.physical(), keys);
          List<Optional<Map.Entry<String, byte[]>>> out = new ArrayList<>(keys.size());
          for (int i = 0; i < keys.size(); i++) {
            String k = keys.get(i);
            out.add(values.get(i).map(v -> Map.entry(k, v)));
          }
          return out;
        });
  }

  /** {@code set-many}. */
  public Result<Void, StoreError> setMany(
      Bucket bucket, List<Map.Entry<String, byte[]>> keyValues) {
    return calls.run(
        "set-many",
        bucket.backend().kind(),
        () -> {
          for (Map.Entry<String, byte[]> e : keyValues) {
            Names.checkKey(e.getKey());
            limits.checkValue(e.getKey(), e.getValue());
          }
          bucket.backend().setMany(bucket.physical(), keyValues);
          return null;
        });
  }

  /** {@code delete-many}: missing keys are skipped. */
  public Result<Void, StoreError> deleteMany(Bucket bucket, List<String> keys) {
    return calls.run(
        "delete-many",
        bucket.backend().kind(),
        () -> {
          for (String k : keys) {
            Names.checkKey(k);
          }
          bucket.backend().deleteMany(bucket.physical(), keys);
          return null;
        });
  }
}
