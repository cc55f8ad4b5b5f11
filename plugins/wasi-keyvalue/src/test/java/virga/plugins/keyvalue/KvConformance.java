package virga.plugins.keyvalue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import virga.plugin.Result;
import virga.plugins.keyvalue.backend.KeyPaging;
import virga.plugins.keyvalue.backend.KvBackend;
import virga.plugins.keyvalue.backend.Names;

/**
 * The behaviour every backend must show, through the WIT-facing classes ({@link KvStore}, {@link
 * KvAtomics}, {@link KvBatch}) as a guest sees it. Subclasses give the backend; each test works in
 * buckets of its own, so a shared server needs no cleaning.
 */
abstract class KvConformance {
  /** Values over this are refused in these tests. */
  static final int LIMIT = 4096;

  KvBackend backend;
  KvStore store;
  KvAtomics atomics;
  KvBatch batch;

  /** A fresh backend for one test. */
  abstract KvBackend newBackend() throws Exception;

  /**
   * Removes bucket {@code physical} behind the plugin's back (an operator deleting it); false when
   * the backend has no bucket objects (Redis: a bucket is only a key prefix).
   */
  abstract boolean removeBucket(String physical) throws Exception;

  @BeforeEach
  void setUpBackend() throws Exception {
    backend = newBackend();
    Limits limits = new Limits(LIMIT, Duration.ofSeconds(2));
    Calls calls = Calls.unmetered();
    BucketOpener opener =
        id -> {
          Names.checkBucket(id);
          return new Bucket(backend, id, id);
        };
    store = new KvStore(opener, limits, calls);
    atomics = new KvAtomics(calls);
    batch = new KvBatch(limits, calls);
  }

  @AfterEach
  void closeBackend() {
    backend.close();
  }

  static String unique() {
    return "b" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  Bucket open() {
    return ok(store.open(unique()));
  }

  static <T> T ok(Result<T, StoreError> r) {
    assertThat(r.isOk()).as("ok, not %s", r.error()).isTrue();
    return r.value();
  }

  static StoreError err(Result<?, StoreError> r) {
    assertThat(r.isOk()).as("an error, not %s", r.value()).isFalse();
    return r.error();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void openCreatesTheBucketAndAMissingKeyIsNone() {
    Bucket b = open();
    assertThat(ok(store.bucketGet(b, "nothing"))).isEmpty();
    assertThat(ok(store.bucketExists(b, "nothing"))).isFalse();
    // opening it again is no error and sees the same data
    ok(store.bucketSet(b, "k", bytes("v")));
    Bucket again = ok(store.open(b.name()));
    assertThat(ok(store.bucketGet(again, "k")))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("v")));
  }

  @Test
  void setGetOverwriteDeleteExists() {
    Bucket b = open();
    byte[] binary = {0, 1, (byte) 0xff, (byte) 0x80, 10, 13};
    ok(store.bucketSet(b, "bin", binary));
    assertThat(ok(store.bucketGet(b, "bin")).orElseThrow()).containsExactly(binary);
    ok(store.bucketSet(b, "bin", bytes("second")));
    assertThat(ok(store.bucketGet(b, "bin")).orElseThrow()).isEqualTo(bytes("second"));
    assertThat(ok(store.bucketExists(b, "bin"))).isTrue();
    ok(store.bucketDelete(b, "bin"));
    assertThat(ok(store.bucketExists(b, "bin"))).isFalse();
    assertThat(ok(store.bucketGet(b, "bin"))).isEmpty();
    ok(store.bucketDelete(b, "bin")); // deleting a missing key is no error
  }

  @Test
  void anEmptyValueIsAValueNotNone() {
    Bucket b = open();
    ok(store.bucketSet(b, "empty", new byte[0]));
    assertThat(ok(store.bucketGet(b, "empty")).orElseThrow()).isEmpty();
    assertThat(ok(store.bucketExists(b, "empty"))).isTrue();
  }

  @Test
  void keysWithAnyCharactersRoundTripAndListAsWritten() {
    Bucket b = open();
    List<String> keys = List.of("user:1", "a/b", "with space", ".hidden", "ü=x", "..", "end.");
    for (String k : keys) {
      ok(store.bucketSet(b, k, bytes("v-" + k)));
    }
    for (String k : keys) {
      assertThat(ok(store.bucketGet(b, k)).orElseThrow()).isEqualTo(bytes("v-" + k));
    }
    assertThat(ok(store.bucketListKeys(b, Optional.empty())).keys())
        .containsExactlyElementsOf(keys.stream().sorted().toList());
  }

  @Test
  void bucketsAreSeparate() {
    Bucket one = open();
    Bucket two = open();
    ok(store.bucketSet(one, "k", bytes("1")));
    assertThat(ok(store.bucketGet(two, "k"))).isEmpty();
  }

  @Test
  void listKeysPagesOfOneHundredSortedWithOffsetCursors() {
    Bucket b = open();
    assertThat(ok(store.bucketListKeys(b, Optional.empty())))
        .isEqualTo(new KeyResponse(List.of(), Optional.empty()));
    List<Map.Entry<String, byte[]>> entries = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      entries.add(Map.entry(String.format("key-%03d", 249 - i), bytes("" + i)));
    }
    ok(batch.setMany(b, entries));
    KeyResponse first = ok(store.bucketListKeys(b, Optional.empty()));
    assertThat(KeyPaging.PAGE_SIZE).isEqualTo(100);
    assertThat(first.keys()).hasSize(100).startsWith("key-000").endsWith("key-099");
    assertThat(first.cursor()).contains(100L);
    KeyResponse second = ok(store.bucketListKeys(b, first.cursor()));
    assertThat(second.keys()).hasSize(100).startsWith("key-100").endsWith("key-199");
    assertThat(second.cursor()).contains(200L);
    KeyResponse last = ok(store.bucketListKeys(b, second.cursor()));
    assertThat(last.keys()).hasSize(50).startsWith("key-200").endsWith("key-249");
    assertThat(last.cursor()).isEmpty();
    assertThat(ok(store.bucketListKeys(b, Optional.of(999L))))
        .isEqualTo(new KeyResponse(List.of(), Optional.empty()));
  }

  @Test
  void incrementStartsAtDeltaAndWritesDecimalText() {
    Bucket b = open();
    assertThat(ok(atomics.increment(b, "n", 1))).isEqualTo(1L);
    assertThat(ok(atomics.increment(b, "n", 41))).isEqualTo(42L);
    assertThat(ok(atomics.increment(b, "n", 0))).isEqualTo(42L);
    assertThat(new String(ok(store.bucketGet(b, "n")).orElseThrow(), StandardCharsets.US_ASCII))
        .isEqualTo("42");
  }

  @Test
  void incrementReadsWhatWasmCloudWrote() throws Exception {
    Bucket b = open();
    // wasmCloud's NATS backend: u64 big-endian
    backend.set(
        b.physical(), "be", ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putLong(7).array());
    // wasmCloud's in-memory backend: u64 little-endian
    backend.set(
        b.physical(),
        "le",
        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(300).array());
    // Redis INCRBY, wasmCloud's filesystem backend: decimal text (8 digits: not read as binary)
    backend.set(b.physical(), "dec", bytes("12345678"));
    assertThat(ok(atomics.increment(b, "be", 1))).isEqualTo(8L);
    assertThat(ok(atomics.increment(b, "le", 1))).isEqualTo(301L);
    assertThat(ok(atomics.increment(b, "dec", 1))).isEqualTo(12345679L);
    assertThat(ok(store.bucketGet(b, "le")).orElseThrow()).isEqualTo(bytes("301"));
  }

  @Test
  void incrementOfANonCounterOrPastU64IsAnErrorAndChangesNothing() {
    Bucket b = open();
    ok(store.bucketSet(b, "text", bytes("hello")));
    assertThat(err(atomics.increment(b, "text", 1)))
        .isEqualTo(
            new StoreError.Other(
                "value of key 'text' is not a counter (5 bytes; counters are decimal text or"
                    + " 8-byte u64)"));
    assertThat(ok(store.bucketGet(b, "text")).orElseThrow()).isEqualTo(bytes("hello"));
    ok(store.bucketSet(b, "big", bytes("18446744073709551615"))); // u64 max
    assertThat(err(atomics.increment(b, "big", 1)))
        .isEqualTo(
            new StoreError.Other("counter 'big' would overflow u64 (18446744073709551615 + 1)"));
    assertThat(ok(atomics.increment(b, "big", 0))).isEqualTo(-1L); // u64 max in Java's bits
  }

  @Test
  void concurrentIncrementsLoseNothing() throws Exception {
    Bucket b = open();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 25; i++) {
                    ok(atomics.increment(b, "hits", 1));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(ok(atomics.increment(b, "hits", 0))).isEqualTo(100L);
  }

  @Test
  void invalidBucketNamesAreRefusedWithTheRule() {
    for (String name : List.of("a.b", "../etc", "", "a/b", "x".repeat(65), "spa ce")) {
      assertThat(err(store.open(name)))
          .isEqualTo(
              new StoreError.Other(
                  "invalid bucket name '"
                      + name
                      + "': use 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'"));
    }
    assertThat(ok(store.open("Ok_name-1")).name()).isEqualTo("Ok_name-1");
  }

  @Test
  void emptyKeysAreRefused() {
    Bucket b = open();
    StoreError e = new StoreError.Other("invalid key: a key must not be empty");
    assertThat(err(store.bucketSet(b, "", bytes("v")))).isEqualTo(e);
    assertThat(err(store.bucketGet(b, ""))).isEqualTo(e);
    assertThat(err(atomics.increment(b, "", 1))).isEqualTo(e);
  }

  @Test
  void valuesOverTheLimitAreRefusedAndNothingIsWritten() {
    Bucket b = open();
    ok(store.bucketSet(b, "max", new byte[LIMIT]));
    assertThat(err(store.bucketSet(b, "over", new byte[LIMIT + 1])))
        .isEqualTo(
            new StoreError.Other(
                "value of key 'over' is "
                    + (LIMIT + 1)
                    + " bytes, over the limit of "
                    + LIMIT
                    + " bytes"));
    assertThat(ok(store.bucketExists(b, "over"))).isFalse();
    // a batch with one bad value writes none of it
    assertThat(
            err(
                batch.setMany(
                    b,
                    List.of(Map.entry("a", bytes("1")), Map.entry("over", new byte[LIMIT + 1])))))
        .isInstanceOf(StoreError.Other.class);
    assertThat(ok(store.bucketExists(b, "a"))).isFalse();
  }

  @Test
  void batchGetsInOrderWithNoneForMissingSetsAndDeletes() {
    Bucket b = open();
    ok(batch.setMany(b, List.of(Map.entry("a", bytes("1")), Map.entry("c", bytes("3")))));
    List<Optional<Map.Entry<String, byte[]>>> got = ok(batch.getMany(b, List.of("c", "b", "a")));
    assertThat(got).hasSize(3);
    assertThat(got.get(0).orElseThrow().getKey()).isEqualTo("c");
    assertThat(got.get(0).orElseThrow().getValue()).isEqualTo(bytes("3"));
    assertThat(got.get(1)).isEmpty();
    assertThat(got.get(2).orElseThrow().getValue()).isEqualTo(bytes("1"));
    ok(batch.deleteMany(b, List.of("a", "missing")));
    assertThat(ok(store.bucketExists(b, "a"))).isFalse();
    assertThat(ok(store.bucketExists(b, "c"))).isTrue();
    assertThat(ok(batch.getMany(b, List.of()))).isEmpty();
  }

  @Test
  void aBucketRemovedBehindTheGuestIsNoSuchStore() throws Exception {
    Bucket b = open();
    ok(store.bucketSet(b, "k", bytes("v")));
    if (removeBucket(b.physical())) {
      assertThat(err(store.bucketGet(b, "k"))).isEqualTo(new StoreError.NoSuchStore());
      assertThat(err(store.bucketSet(b, "k", bytes("v")))).isEqualTo(new StoreError.NoSuchStore());
      assertThat(err(atomics.increment(b, "n", 1))).isEqualTo(new StoreError.NoSuchStore());
      assertThat(err(store.bucketListKeys(b, Optional.empty())))
          .isEqualTo(new StoreError.NoSuchStore());
      // opening it again creates it afresh
      Bucket again = ok(store.open(b.name()));
      assertThat(ok(store.bucketGet(again, "k"))).isEmpty();
    } else {
      // no bucket objects (Redis): the data is still there
      assertThat(ok(store.bucketGet(b, "k")).orElseThrow()).isEqualTo(bytes("v"));
    }
  }
}
