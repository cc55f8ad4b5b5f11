package virga.plugins.keyvalue;

import java.util.Optional;
import virga.plugin.Result;
import virga.plugin.WitImplementation;
import virga.plugins.keyvalue.backend.KeyPaging;
import virga.plugins.keyvalue.backend.Names;

/**
 * {@code wasi:keyvalue/store} for one workload item. Names, keys and value sizes are checked here,
 * before any backend sees them, so every backend answers bad input the same way.
 */
@WitImplementation(value = KeyValueWit.STORE, wit = KeyValueWit.WIT)
public final class KvStore {
  private final BucketOpener opener;
  private final Limits limits;
  private final Calls calls;

  KvStore(BucketOpener opener, Limits limits, Calls calls) {
    this.opener = opener;
    this.limits = limits;
    this.calls = calls;
  }

  /** {@code open: func(identifier: string) -> result<bucket, error>}: creates a missing bucket. */
  public Result<Bucket, StoreError> open(String identifier) {
    return calls.run(
        "open",
        "-",
        () -> {
          Bucket b = opener.resolve(identifier);
          b.backend().open(b.physical());
          return b;
        });
  }

  /** {@code [method]bucket.get}: none for a missing key. */
  public Result<Optional<byte[]>, StoreError> bucketGet(Bucket self, String key) {
    return calls.run(
        "get",
        self.backend().kind(),
        () -> {
          Names.checkKey(key);
          return self.backend().get(self.physical(), key);
        });
  }

  /** {@code [method]bucket.set}. */
  public Result<Void, StoreError> bucketSet(Bucket self, String key, byte[] value) {
    return calls.run(
        "set",
        self.backend().kind(),
        () -> {
          Names.checkKey(key);
          limits.checkValue(key, value);
          self.backend().set(self.physical(), key, value);
          return null;
        });
  }

  /** {@code [method]bucket.delete}: a missing key is no error. */
  public Result<Void, StoreError> bucketDelete(Bucket self, String key) {
    return calls.run(
        "delete",
        self.backend().kind(),
        () -> {
          Names.checkKey(key);
          self.backend().delete(self.physical(), key);
          return null;
        });
  }

  /** {@code [method]bucket.exists}. */
  public Result<Boolean, StoreError> bucketExists(Bucket self, String key) {
    return calls.run(
        "exists",
        self.backend().kind(),
        () -> {
          Names.checkKey(key);
          return self.backend().exists(self.physical(), key);
        });
  }

  /** {@code [method]bucket.list-keys}: see {@link KeyPaging} for the page size and cursor. */
  public Result<KeyResponse, StoreError> bucketListKeys(Bucket self, Optional<Long> cursor) {
    return calls.run(
        "list-keys",
        self.backend().kind(),
        () -> {
          KeyPaging.Page page =
              KeyPaging.page(self.backend().keys(self.physical()), cursor.orElse(0L));
          return new KeyResponse(
              page.keys(),
              page.next().isPresent() ? Optional.of(page.next().getAsLong()) : Optional.empty());
        });
  }
}
