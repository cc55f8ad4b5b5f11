package virga.plugins.blobstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import virga.plugin.Result;
import virga.plugins.blobstore.backend.BlobBackend;
import virga.plugins.blobstore.backend.BufferMeter;
import virga.wasi.io.HostInputStream;
import virga.wasi.io.HostOutputStream;
import virga.wasi.io.StreamException;

/**
 * The behaviour every backend must show through the three WIT interfaces, run against each: the
 * subclasses only say how to make the backend.
 */
abstract class BlobstoreConformance {
  /** The spool's memory bound in these tests: values beyond it go to a file. */
  static final int SPOOL_MEMORY = 1024 * 1024;

  @TempDir Path spoolDir;

  BlobBackend backend;
  Blobstore store;
  Containers containers;
  Values values;

  /** A fresh, empty backend. */
  abstract BlobBackend newBackend() throws Exception;

  /** Whether the backend keeps objects off the heap (so a large object proves streaming). */
  abstract boolean storesOffHeap();

  @BeforeEach
  void open() throws Exception {
    backend = newBackend();
    use(Policy.OPEN);
  }

  @AfterEach
  void close() {
    backend.close();
  }

  void use(Policy policy) {
    Session s =
        new Session(
            backend,
            policy,
            new Session.Limits(SPOOL_MEMORY, spoolDir, 16L << 20, 64 * 1024),
            new SimpleMeterRegistry());
    store = new Blobstore(s);
    containers = new Containers(s);
    values = new Values(s);
  }

  static <T> T ok(Result<T, ?> r) {
    assertThat(r.error()).as("error").isNull();
    assertThat(r.isOk()).isTrue();
    return r.value();
  }

  static String err(Result<?, String> r) {
    assertThat(r.isOk()).as("expected an error, got ok(%s)", r.value()).isFalse();
    return r.error();
  }

  @Test
  void containersAreCreatedFoundAndDeleted() {
    assertThat(ok(store.containerExists("alpha"))).isFalse();
    assertThat(err(store.getContainer("alpha"))).isEqualTo("container 'alpha' does not exist");
    Container c = ok(store.createContainer("alpha"));
    assertThat(ok(containers.containerName(c))).isEqualTo("alpha");
    assertThat(ok(store.containerExists("alpha"))).isTrue();
    assertThat(ok(store.getContainer("alpha")).name()).isEqualTo("alpha");
    assertThat(err(store.createContainer("alpha"))).isEqualTo("container 'alpha' already exists");
    ContainerMetadata info = ok(containers.containerInfo(c));
    assertThat(info.name()).isEqualTo("alpha");
    assertThat(info.createdAt()).isBetween(now() - 60, now() + 60);
    ok(store.deleteContainer("alpha"));
    assertThat(ok(store.containerExists("alpha"))).isFalse();
    assertThat(err(store.deleteContainer("alpha"))).isEqualTo("container 'alpha' does not exist");
  }

  @Test
  void anEmptyContainerNameIsRefused() {
    assertThat(err(store.createContainer(""))).contains("must not be empty");
  }

  @Test
  void objectsAreWrittenReadListedAndDeletedWithExactBytes() {
    Container c = ok(store.createContainer("docs"));
    assertThat(write(c, "a/readme.txt", "hello world")).isEqualTo(Result.ok());
    assertThat(write(c, "b.bin", "")).isEqualTo(Result.ok());
    assertThat(readString(c, "a/readme.txt")).isEqualTo("hello world");
    assertThat(readString(c, "b.bin")).isEmpty();
    assertThat(ok(containers.containerHasObject(c, "a/readme.txt"))).isTrue();
    assertThat(ok(containers.containerHasObject(c, "missing"))).isFalse();
    ObjectMetadata m = ok(containers.containerObjectInfo(c, "a/readme.txt"));
    assertThat(m.name()).isEqualTo("a/readme.txt");
    assertThat(m.container()).isEqualTo("docs");
    assertThat(m.size()).isEqualTo(11);
    assertThat(m.createdAt()).isBetween(now() - 60, now() + 60);
    assertThat(names(c)).containsExactlyInAnyOrder("a/readme.txt", "b.bin");

    assertThat(write(c, "a/readme.txt", "replaced")).isEqualTo(Result.ok());
    assertThat(readString(c, "a/readme.txt")).isEqualTo("replaced");

    ok(containers.containerDeleteObject(c, "a/readme.txt"));
    ok(containers.containerDeleteObject(c, "a/readme.txt")); // no error when missing
    assertThat(ok(containers.containerHasObject(c, "a/readme.txt"))).isFalse();
    assertThat(err(containers.containerObjectInfo(c, "a/readme.txt")))
        .isEqualTo("object 'a/readme.txt' does not exist in container 'docs'");
    assertThat(err(containers.containerGetData(c, "a/readme.txt", 0, 10)))
        .isEqualTo("object 'a/readme.txt' does not exist in container 'docs'");
    assertThat(names(c)).containsExactly("b.bin");
  }

  @Test
  void deleteObjectsAndClearEmptyTheContainer() {
    Container c = ok(store.createContainer("many"));
    for (String n : List.of("x", "y", "z", "w")) {
      ok(write(c, n, n + n));
    }
    ok(containers.containerDeleteObjects(c, List.of("x", "y", "never-there")));
    assertThat(names(c)).containsExactlyInAnyOrder("z", "w");
    ok(containers.containerClear(c));
    assertThat(names(c)).isEmpty();
    assertThat(ok(store.containerExists("many"))).isTrue();
  }

  @Test
  void objectNamesArePagedBySizeWithAnEndFlag() {
    Container c = ok(store.createContainer("paged"));
    for (int i = 0; i < 5; i++) {
      ok(write(c, "o" + i, "v"));
    }
    StreamObjectNames s = ok(containers.containerListObjects(c));
    Map.Entry<List<String>, Boolean> first =
        ok(containers.streamObjectNamesReadStreamObjectNames(s, 2));
    assertThat(first.getKey()).hasSize(2);
    assertThat(first.getValue()).isFalse();
    Map.Entry<Long, Boolean> skipped = ok(containers.streamObjectNamesSkipStreamObjectNames(s, 2));
    assertThat(skipped).isEqualTo(Map.entry(2L, false));
    Map.Entry<List<String>, Boolean> rest =
        ok(containers.streamObjectNamesReadStreamObjectNames(s, -1L)); // u64 max
    assertThat(rest.getKey()).hasSize(1);
    assertThat(rest.getValue()).isTrue();
    assertThat(ok(containers.streamObjectNamesReadStreamObjectNames(s, 10)))
        .isEqualTo(Map.entry(List.of(), true));
  }

  @Test
  void rangesAreInclusiveAndClampedToTheObject() {
    Container c = ok(store.createContainer("ranges"));
    ok(write(c, "t", "hello world"));
    assertThat(readRange(c, "t", 0, 4)).isEqualTo("hello");
    assertThat(readRange(c, "t", 6, 10)).isEqualTo("world");
    assertThat(readRange(c, "t", 6, 1000)).isEqualTo("world");
    assertThat(readRange(c, "t", 6, -1L)).isEqualTo("world");
    assertThat(readRange(c, "t", 4, 4)).isEqualTo("o");
    assertThat(readRange(c, "t", 11, 20)).isEmpty();
    assertThat(readRange(c, "t", 5, 2)).isEmpty();
    IncomingValue v = ok(containers.containerGetData(c, "t", 2, 6));
    assertThat(values.incomingValueSize(v)).isEqualTo(5);
    assertThat(new String(readAsync(v), StandardCharsets.UTF_8)).isEqualTo("llo w");
  }

  @Test
  void copyAndMoveOverwriteTheDestinationAndNeedItsContainer() {
    Container a = ok(store.createContainer("src"));
    Container b = ok(store.createContainer("dst"));
    ok(write(a, "one", "first"));
    ok(write(b, "two", "old"));
    ok(store.copyObject(new ObjectId("src", "one"), new ObjectId("dst", "two")));
    assertThat(readString(b, "two")).isEqualTo("first");
    assertThat(readString(a, "one")).isEqualTo("first");
    ok(store.moveObject(new ObjectId("src", "one"), new ObjectId("dst", "three")));
    assertThat(ok(containers.containerHasObject(a, "one"))).isFalse();
    assertThat(readString(b, "three")).isEqualTo("first");
    ok(store.copyObject(new ObjectId("dst", "three"), new ObjectId("dst", "three")));
    assertThat(readString(b, "three")).isEqualTo("first");
    assertThat(err(store.copyObject(new ObjectId("dst", "three"), new ObjectId("nope", "x"))))
        .isEqualTo("container 'nope' does not exist");
    assertThat(err(store.moveObject(new ObjectId("src", "gone"), new ObjectId("dst", "x"))))
        .isEqualTo("object 'gone' does not exist in container 'src'");
  }

  @Test
  void deletingAContainerDeletesItsObjects() {
    Container c = ok(store.createContainer("temp"));
    ok(write(c, "a/b/c", "deep"));
    ok(store.deleteContainer("temp"));
    Container again = ok(store.createContainer("temp"));
    assertThat(names(again)).isEmpty();
  }

  @Test
  void aValueIsStoredOnlyByFinishAfterWriteData() {
    Container c = ok(store.createContainer("values"));
    OutgoingValue dropped = values.outgoingValueNewOutgoingValue();
    writeBody(dropped, "never stored".getBytes(StandardCharsets.UTF_8));
    ok(containers.containerWriteData(c, "dropped", dropped));
    dropped.close(); // the guest dropped it without finish: corrupted, not stored
    assertThat(ok(containers.containerHasObject(c, "dropped"))).isFalse();

    OutgoingValue aimless = values.outgoingValueNewOutgoingValue();
    writeBody(aimless, "x".getBytes(StandardCharsets.UTF_8));
    assertThat(err(values.outgoingValueFinish(aimless)))
        .isEqualTo(
            "finish: write-data was not called for this outgoing-value, so it has no object to"
                + " store");

    OutgoingValue twice = values.outgoingValueNewOutgoingValue();
    assertThat(values.outgoingValueOutgoingValueWriteBody(twice).isOk()).isTrue();
    assertThat(values.outgoingValueOutgoingValueWriteBody(twice).isOk()).isFalse();
    twice.close();

    assertThat(err(containers.containerWriteData(new Container("absent"), "x", aimless)))
        .isEqualTo("container 'absent' does not exist");
  }

  /** Whether a value got before a delete still reads (the WIT's promise) on this backend. */
  boolean keepsValuesAcrossDeletes() {
    return true;
  }

  @Test
  void aValueGotBeforeADeleteStaysReadableOrFailsClearly() {
    Container c = ok(store.createContainer("held"));
    ok(write(c, "k", "kept bytes"));
    IncomingValue v = ok(containers.containerGetData(c, "k", 0, 100));
    ok(containers.containerDeleteObject(c, "k"));
    assertThat(ok(containers.containerHasObject(c, "k"))).isFalse();
    Result<byte[], String> r = values.incomingValueIncomingValueConsumeSync(v);
    if (keepsValuesAcrossDeletes() || r.isOk()) {
      assertThat(new String(ok(r), StandardCharsets.UTF_8)).isEqualTo("kept bytes");
    } else {
      // the object store purges the chunks a read has not fetched yet: an error, never a hang
      assertThat(r.error()).startsWith("reading the value failed: ");
    }
  }

  @Test
  void theBucketsAllowListIsTrimmedAndEnforced() {
    ok(store.createContainer("open"));
    ok(store.createContainer("secret"));
    use(Policy.of(Map.of("buckets", " open , other ,")));
    assertThat(ok(store.containerExists("open"))).isTrue();
    String refused =
        "container 'secret' is not in this workload's buckets allow-list (open, other)";
    assertThat(err(store.getContainer("secret"))).isEqualTo(refused);
    assertThat(err(store.containerExists("secret"))).isEqualTo(refused);
    assertThat(err(store.createContainer("secret"))).isEqualTo(refused);
    assertThat(err(store.deleteContainer("secret"))).isEqualTo(refused);
    assertThat(err(store.copyObject(new ObjectId("open", "a"), new ObjectId("secret", "a"))))
        .isEqualTo(refused);
    assertThat(err(containers.containerHasObject(new Container("secret"), "a"))).isEqualTo(refused);
    use(Policy.of(Map.of("buckets", " , ")));
    assertThat(err(store.getContainer("open")))
        .isEqualTo(
            "container 'open' is not in this workload's buckets allow-list (empty: every"
                + " container is refused)");
  }

  @Test
  void readOnlyRefusesEveryWriteAndAllowsReads() {
    Container c = ok(store.createContainer("ro"));
    ok(write(c, "keep", "safe"));
    use(Policy.of(Map.of("read_only", "true", "buckets", "ro,new")));
    String suffix = " on container 'ro' refused: the blobstore is read-only (read_only)";
    assertThat(err(write(c, "keep", "changed"))).isEqualTo("write-data" + suffix);
    assertThat(err(containers.containerDeleteObject(c, "keep")))
        .isEqualTo("delete-object" + suffix);
    assertThat(err(containers.containerDeleteObjects(c, List.of("keep"))))
        .isEqualTo("delete-objects" + suffix);
    assertThat(err(containers.containerClear(c))).isEqualTo("clear" + suffix);
    assertThat(err(store.deleteContainer("ro"))).isEqualTo("delete-container" + suffix);
    assertThat(err(store.createContainer("new")))
        .isEqualTo(
            "create-container on container 'new' refused: the blobstore is read-only (read_only)");
    assertThat(err(store.moveObject(new ObjectId("ro", "keep"), new ObjectId("ro", "moved"))))
        .isEqualTo("move-object" + suffix);
    assertThat(err(store.copyObject(new ObjectId("ro", "keep"), new ObjectId("ro", "copy"))))
        .isEqualTo("copy-object" + suffix);
    assertThat(readString(c, "keep")).isEqualTo("safe");
    assertThat(names(c)).containsExactly("keep");
  }

  @Test
  void aLargeObjectStreamsThroughBoundedBuffers() throws Exception {
    // an in-memory store holds the object anyway: a smaller one shows the same bytes come back
    long size = storesOffHeap() ? 64L << 20 : 20L << 20;
    Container c = ok(store.createContainer("large"));
    BufferMeter.reset();
    OutgoingValue v = values.outgoingValueNewOutgoingValue();
    HostOutputStream out = ok(values.outgoingValueOutgoingValueWriteBody(v));
    MessageDigest sent = MessageDigest.getInstance("SHA-256");
    byte[] chunk = new byte[(int) out.checkWrite()];
    long written = 0;
    while (written < size) {
      int n = (int) Math.min(chunk.length, size - written);
      fill(chunk, written, n);
      byte[] part = n == chunk.length ? chunk : java.util.Arrays.copyOf(chunk, n);
      out.write(part);
      sent.update(part);
      written += n;
    }
    out.close();
    ok(containers.containerWriteData(c, "big", v));
    ok(values.outgoingValueFinish(v));
    assertThat(ok(containers.containerObjectInfo(c, "big")).size()).isEqualTo(size);

    IncomingValue in = ok(containers.containerGetData(c, "big", 0, -1L));
    assertThat(err(values.incomingValueIncomingValueConsumeSync(in)))
        .contains("more than the 16777216 this host returns at once");
    HostInputStream body =
        ok(
            values.incomingValueIncomingValueConsumeAsync(
                ok(containers.containerGetData(c, "big", 0, -1L))));
    MessageDigest got = MessageDigest.getInstance("SHA-256");
    long read = 0;
    while (true) {
      byte[] b;
      try {
        b = readSome(body);
      } catch (StreamException e) {
        assertThat(e.isClosed()).as("end of stream, not %s", e.getMessage()).isTrue();
        break;
      }
      got.update(b);
      read += b.length;
    }
    body.close();
    assertThat(read).isEqualTo(size);
    assertThat(got.digest()).isEqualTo(sent.digest());
    if (storesOffHeap()) {
      assertThat(BufferMeter.largest()).isLessThanOrEqualTo(SPOOL_MEMORY);
    }
    try (var files = Files.list(spoolDir)) {
      assertThat(files.toList()).as("spool files left").isEmpty();
    }
  }

  /** A byte pattern that is not periodic in the buffer size, so misplaced chunks show. */
  private static void fill(byte[] b, long offset, int n) {
    for (int i = 0; i < n; i++) {
      long p = offset + i;
      b[i] = (byte) (p * 31 + (p >>> 13));
    }
  }

  Result<Void, String> write(Container c, String name, String text) {
    OutgoingValue v = values.outgoingValueNewOutgoingValue();
    writeBody(v, text.getBytes(StandardCharsets.UTF_8));
    Result<Void, String> aimed = containers.containerWriteData(c, name, v);
    if (!aimed.isOk()) {
      v.close();
      return aimed;
    }
    return values.outgoingValueFinish(v);
  }

  void writeBody(OutgoingValue v, byte[] data) {
    HostOutputStream out = ok(values.outgoingValueOutgoingValueWriteBody(v));
    int off = 0;
    while (off < data.length) {
      int n = (int) Math.min(out.checkWrite(), data.length - off);
      out.write(java.util.Arrays.copyOfRange(data, off, off + n));
      off += n;
    }
    out.flush();
    out.close();
  }

  String readString(Container c, String name) {
    return readRange(c, name, 0, -1L);
  }

  String readRange(Container c, String name, long start, long end) {
    IncomingValue v = ok(containers.containerGetData(c, name, start, end));
    return new String(ok(values.incomingValueIncomingValueConsumeSync(v)), StandardCharsets.UTF_8);
  }

  byte[] readAsync(IncomingValue v) {
    HostInputStream in = ok(values.incomingValueIncomingValueConsumeAsync(v));
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try {
      while (true) {
        all.writeBytes(readSome(in));
      }
    } catch (StreamException e) {
      assertThat(e.isClosed()).isTrue();
    } finally {
      in.close();
    }
    return all.toByteArray();
  }

  /** The next non-empty read, waiting (bounded) as a guest's blocking-read would. */
  static byte[] readSome(HostInputStream in) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      byte[] b = in.read(256 * 1024);
      if (b.length > 0) {
        return b;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no data within 30 s");
      }
      while (!in.readiness().isReady() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      }
    }
  }

  List<String> names(Container c) {
    StreamObjectNames s = ok(containers.containerListObjects(c));
    List<String> out = new ArrayList<>();
    while (true) {
      Map.Entry<List<String>, Boolean> page =
          ok(containers.streamObjectNamesReadStreamObjectNames(s, 2));
      out.addAll(page.getKey());
      if (page.getValue()) {
        return out;
      }
    }
  }

  static long now() {
    return System.currentTimeMillis() / 1000;
  }
}
