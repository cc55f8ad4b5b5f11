package virga.wasi.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static virga.wasi.filesystem.FsHarness.err;
import static virga.wasi.filesystem.FsHarness.flags;
import static virga.wasi.filesystem.FsHarness.follow;
import static virga.wasi.filesystem.FsHarness.nofollow;
import static virga.wasi.filesystem.FsHarness.ok;
import static virga.wasi.filesystem.FsHarness.s;
import static virga.wasi.filesystem.FsHarness.statSize;
import static virga.wasi.filesystem.FsHarness.statType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import virga.component.values.Value;
import virga.wasi.Preopen;
import virga.wasi.WasiContext;
import virga.wasi.host.Vals;

/** Every descriptor operation on a writable preopen, with its error mapping. */
@Timeout(20)
class FilesystemTest {
  @TempDir Path dir;

  private FsHarness fs() {
    return new FsHarness(dir, false);
  }

  private static Value bytes(String s) {
    return Vals.bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void preopensCarryTheGuestPathAndDirectoryFlags() {
    FsHarness fs = fs();
    Value.ListValue pre = (Value.ListValue) fs.call("wasi:filesystem/preopens", "get-directories");
    assertThat(((Value.TupleValue) pre.elements().get(0)).elements().get(1))
        .isEqualTo(s("/sandbox"));
    assertThat(ok(fs.m("get-flags", fs.root))).isEqualTo(flags("read", "mutate-directory"));
    assertThat(ok(fs.m("get-type", fs.root))).isEqualTo(Value.enumCase("directory"));
    assertThat(statType(fs.m("stat", fs.root))).isEqualTo("directory");
    FsHarness none = new FsHarness(WasiContext.builder().build());
    assertThat(none.root).isNull();
    // every function of both interfaces is implemented
    assertThat(fs.w.binder.missing().keySet()).noneMatch(i -> i.startsWith("wasi:filesystem/"));
    assertThat(fs.w.binder.missing().toString()).doesNotContain("wasi:filesystem");
  }

  @Test
  void createWriteReadStatAndReadPastTheEnd() throws Exception {
    FsHarness fs = fs();
    Value f = fs.open(fs.root, "a.txt", flags("create"), "read", "write");
    assertThat(ok(fs.m("write", f, bytes("hello"), Value.u64(0)))).isEqualTo(Value.u64(5));
    // a short read that reaches the end is not yet end of file (wasmtime, jco): the next one is
    assertThat(ok(fs.m("read", f, Value.u64(100), Value.u64(1))))
        .isEqualTo(Value.tuple(bytes("ello"), Value.bool(false)));
    assertThat(ok(fs.m("read", f, Value.u64(100), Value.u64(5))))
        .isEqualTo(Value.tuple(Value.list(), Value.bool(true)));
    assertThat(ok(fs.m("read", f, Value.u64(2), Value.u64(0))))
        .isEqualTo(Value.tuple(bytes("he"), Value.bool(false)));
    // past the end, and at an offset past 2^63: empty, end of file
    assertThat(ok(fs.m("read", f, Value.u64(10), Value.u64(99))))
        .isEqualTo(Value.tuple(Value.list(), Value.bool(true)));
    assertThat(ok(fs.m("read", f, Value.u64(10), Value.u64(-1L))))
        .isEqualTo(Value.tuple(Value.list(), Value.bool(true)));
    // a write past the end leaves a hole of zeroes
    assertThat(ok(fs.m("write", f, bytes("!"), Value.u64(7)))).isEqualTo(Value.u64(1));
    assertThat(Files.readAllBytes(dir.resolve("a.txt")))
        .isEqualTo(new byte[] {'h', 'e', 'l', 'l', 'o', 0, 0, '!'});
    assertThat(statSize(fs.m("stat", f))).isEqualTo(8);
    assertThat(statType(fs.m("stat", f))).isEqualTo("regular-file");
    assertThat(ok(fs.m("get-type", f))).isEqualTo(Value.enumCase("regular-file"));
    assertThat(ok(fs.m("get-flags", f))).isEqualTo(flags("read", "write"));
    assertThat(statSize(fs.m("stat-at", fs.root, follow(), s("a.txt")))).isEqualTo(8);
    assertThat(err(fs.m("write", f, bytes("x"), Value.u64(-1L)))).isEqualTo("file-too-large");
  }

  @Test
  void aHugeReadLengthReturnsAtMostOneChunkAndAllocatesNoMore() throws Exception {
    Files.write(dir.resolve("big"), new byte[200_000]);
    FsHarness fs = fs();
    Value f = fs.open(fs.root, "big", flags(), "read");
    Value.TupleValue t = (Value.TupleValue) ok(fs.m("read", f, Value.u64(-1L), Value.u64(0)));
    assertThat(Vals.bytes(t.elements().get(0))).hasSize(64 * 1024);
    assertThat(t.elements().get(1)).isEqualTo(Value.bool(false));
    Value.TupleValue tail =
        (Value.TupleValue) ok(fs.m("read", f, Value.u64(1L << 40), Value.u64(199_990)));
    assertThat(Vals.bytes(tail.elements().get(0))).hasSize(10);
    assertThat(tail.elements().get(1)).isEqualTo(Value.bool(false));
    Value.TupleValue end =
        (Value.TupleValue) ok(fs.m("read", f, Value.u64(1L << 40), Value.u64(200_000)));
    assertThat(Vals.bytes(end.elements().get(0))).isEmpty();
    assertThat(end.elements().get(1)).isEqualTo(Value.bool(true));
  }

  @Test
  void openFlagsFollowPosix() throws Exception {
    Files.writeString(dir.resolve("f"), "data");
    Files.createDirectory(dir.resolve("d"));
    FsHarness fs = fs();
    assertThat(err(fs.openResult(fs.root, "f", flags("create", "exclusive"), "write")))
        .isEqualTo("exist");
    assertThat(err(fs.openResult(fs.root, "f", flags("directory"), "read")))
        .isEqualTo("not-directory");
    assertThat(err(fs.openResult(fs.root, "f/", flags(), "read"))).isEqualTo("not-directory");
    assertThat(err(fs.openResult(fs.root, "missing", flags(), "read"))).isEqualTo("no-entry");
    assertThat(err(fs.openResult(fs.root, "d", flags(), "read", "write")))
        .isEqualTo("is-directory");
    assertThat(err(fs.openResult(fs.root, "d", flags("create", "directory"), "read")))
        .isEqualTo("invalid");
    assertThat(err(fs.openResult(fs.root, "new/", flags("create"), "write")))
        .isEqualTo("is-directory");
    assertThat(err(fs.openResult(fs.root, "", flags(), "read"))).isEqualTo("no-entry");
    assertThat(err(fs.openResult(fs.root, "a\0b", flags(), "read"))).isEqualTo("invalid");
    assertThat(err(fs.openResult(fs.root, "x".repeat(256), flags(), "read")))
        .isEqualTo("name-too-long");
    assertThat(err(fs.openResult(fs.root, "a/".repeat(2100), flags(), "read")))
        .isEqualTo("name-too-long");
    Value d = fs.open(fs.root, "d", flags("directory"), "read");
    assertThat(ok(fs.m("get-type", d))).isEqualTo(Value.enumCase("directory"));
    // truncate empties an existing file
    Value t = fs.open(fs.root, "f", flags("truncate"), "write");
    assertThat(statSize(fs.m("stat", t))).isZero();
    assertThat(Files.size(dir.resolve("f"))).isZero();
    // directory methods on a file, file methods on a directory
    assertThat(err(fs.m("read-directory", t))).isEqualTo("not-directory");
    assertThat(err(fs.m("open-at", t, follow(), s("x"), flags(), flags("read"))))
        .isEqualTo("not-directory");
    assertThat(err(fs.m("read-via-stream", d, Value.u64(0)))).isEqualTo("bad-descriptor");
    assertThat(err(fs.m("read", d, Value.u64(1), Value.u64(0)))).isEqualTo("bad-descriptor");
    assertThat(err(fs.m("advise", d, Value.u64(0), Value.u64(1), Value.enumCase("normal"))))
        .isEqualTo("bad-descriptor");
    assertThat(err(fs.m("set-size", d, Value.u64(1)))).isEqualTo("bad-descriptor");
  }

  @Test
  void readAndWriteNeedTheirFlags() throws Exception {
    Files.writeString(dir.resolve("f"), "data");
    FsHarness fs = fs();
    Value r = fs.open(fs.root, "f", flags(), "read");
    Value w = fs.open(fs.root, "f", flags(), "write");
    assertThat(err(fs.m("write", r, bytes("x"), Value.u64(0)))).isEqualTo("bad-descriptor");
    assertThat(err(fs.m("write-via-stream", r, Value.u64(0)))).isEqualTo("bad-descriptor");
    assertThat(err(fs.m("append-via-stream", r))).isEqualTo("bad-descriptor");
    assertThat(err(fs.m("set-size", r, Value.u64(0)))).isEqualTo("bad-descriptor");
    assertThat(err(fs.m("read", w, Value.u64(1), Value.u64(0)))).isEqualTo("bad-descriptor");
    assertThat(err(fs.m("read-via-stream", w, Value.u64(0)))).isEqualTo("bad-descriptor");
    assertThat(Files.readString(dir.resolve("f"))).isEqualTo("data");
    assertThat(ok(fs.m("sync", w))).isNull();
    assertThat(ok(fs.m("sync-data", w))).isNull();
    assertThat(ok(fs.m("sync", fs.root))).isNull();
    assertThat(ok(fs.m("advise", r, Value.u64(0), Value.u64(4), Value.enumCase("sequential"))))
        .isNull();
  }

  @Test
  void directoriesAreCreatedListedRenamedAndRemoved() throws Exception {
    FsHarness fs = fs();
    assertThat(ok(fs.m("create-directory-at", fs.root, s("sub")))).isNull();
    assertThat(err(fs.m("create-directory-at", fs.root, s("sub")))).isEqualTo("exist");
    assertThat(err(fs.m("create-directory-at", fs.root, s("no/sub")))).isEqualTo("no-entry");
    assertThat(err(fs.m("create-directory-at", fs.root, s(".")))).isEqualTo("exist");
    fs.open(fs.root, "sub/f1", flags("create"), "write");
    fs.open(fs.root, "top", flags("create"), "write");
    assertThat(err(fs.m("create-directory-at", fs.root, s("top/x")))).isEqualTo("not-directory");
    assertThat(fs.list(fs.root).stream().sorted().toList())
        .containsExactly("sub:directory", "top:regular-file");
    assertThat(err(fs.m("remove-directory-at", fs.root, s("sub")))).isEqualTo("not-empty");
    assertThat(err(fs.m("remove-directory-at", fs.root, s("top")))).isEqualTo("not-directory");
    assertThat(err(fs.m("remove-directory-at", fs.root, s(".")))).isEqualTo("invalid");
    assertThat(err(fs.m("unlink-file-at", fs.root, s("sub")))).isEqualTo("is-directory");
    assertThat(err(fs.m("unlink-file-at", fs.root, s("gone")))).isEqualTo("no-entry");
    // rename: a file over a file, a directory to a new name, the bad combinations
    assertThat(ok(fs.m("rename-at", fs.root, s("sub/f1"), fs.root, s("f2")))).isNull();
    assertThat(ok(fs.m("rename-at", fs.root, s("f2"), fs.root, s("top")))).isNull();
    assertThat(Files.exists(dir.resolve("f2"))).isFalse();
    assertThat(err(fs.m("rename-at", fs.root, s("top"), fs.root, s("sub"))))
        .isEqualTo("is-directory");
    fs.open(fs.root, "sub/keep", flags("create"), "write");
    assertThat(ok(fs.m("create-directory-at", fs.root, s("full")))).isNull();
    fs.open(fs.root, "full/x", flags("create"), "write");
    assertThat(err(fs.m("rename-at", fs.root, s("sub"), fs.root, s("full"))))
        .isEqualTo("not-empty");
    assertThat(err(fs.m("rename-at", fs.root, s("sub"), fs.root, s("top"))))
        .isEqualTo("not-directory");
    assertThat(err(fs.m("rename-at", fs.root, s("sub"), fs.root, s("sub/inner"))))
        .isEqualTo("invalid");
    assertThat(err(fs.m("rename-at", fs.root, s("nope"), fs.root, s("x")))).isEqualTo("no-entry");
    assertThat(ok(fs.m("rename-at", fs.root, s("sub"), fs.root, s("moved")))).isNull();
    Value moved = fs.open(fs.root, "moved", flags("directory"), "read");
    assertThat(fs.list(moved)).containsExactly("keep:regular-file");
    assertThat(ok(fs.m("unlink-file-at", moved, s("keep")))).isNull();
    assertThat(ok(fs.m("remove-directory-at", fs.root, s("moved")))).isNull();
    assertThat(Files.exists(dir.resolve("moved"))).isFalse();
  }

  @Test
  void symlinksHardLinksIdentityAndHashes() throws Exception {
    Files.writeString(dir.resolve("f"), "data");
    Files.writeString(dir.resolve("g"), "other");
    FsHarness fs = fs();
    assertThat(ok(fs.m("symlink-at", fs.root, s("f"), s("l")))).isNull();
    assertThat(err(fs.m("symlink-at", fs.root, s("f"), s("g")))).isEqualTo("exist");
    assertThat(ok(fs.m("readlink-at", fs.root, s("l")))).isEqualTo(s("f"));
    assertThat(err(fs.m("readlink-at", fs.root, s("f")))).isEqualTo("invalid");
    assertThat(statType(fs.m("stat-at", fs.root, nofollow(), s("l")))).isEqualTo("symbolic-link");
    assertThat(statType(fs.m("stat-at", fs.root, follow(), s("l")))).isEqualTo("regular-file");
    assertThat(err(fs.m("open-at", fs.root, nofollow(), s("l"), flags(), flags("read"))))
        .isEqualTo("loop");
    assertThat(fs.list(fs.root)).contains("l:symbolic-link");
    Value viaLink = fs.open(fs.root, "l", flags(), "read");
    assertThat(fs.readAll(viaLink)).isEqualTo("data".getBytes());

    assertThat(ok(fs.m("link-at", fs.root, nofollow(), s("f"), fs.root, s("hard")))).isNull();
    assertThat(err(fs.m("link-at", fs.root, nofollow(), s("f"), fs.root, s("g"))))
        .isEqualTo("exist");
    assertThat(ok(fs.m("create-directory-at", fs.root, s("d")))).isNull();
    assertThat(err(fs.m("link-at", fs.root, nofollow(), s("d"), fs.root, s("d2"))))
        .isEqualTo("not-permitted");
    Value.RecordValue st = (Value.RecordValue) ok(fs.m("stat-at", fs.root, nofollow(), s("hard")));
    assertThat(st.get("link-count")).isEqualTo(Value.u64(2));

    Value f = fs.open(fs.root, "f", flags(), "read");
    Value hard = fs.open(fs.root, "hard", flags(), "read");
    Value g = fs.open(fs.root, "g", flags(), "read");
    assertThat(fs.m("is-same-object", f, hard)).isEqualTo(Value.bool(true));
    assertThat(fs.m("is-same-object", f, viaLink)).isEqualTo(Value.bool(true));
    assertThat(fs.m("is-same-object", f, g)).isEqualTo(Value.bool(false));
    assertThat(fs.m("is-same-object", fs.root, fs.root)).isEqualTo(Value.bool(true));
    Value hf = ok(fs.m("metadata-hash", f));
    assertThat(ok(fs.m("metadata-hash", hard))).isEqualTo(hf);
    assertThat(ok(fs.m("metadata-hash-at", fs.root, follow(), s("l")))).isEqualTo(hf);
    assertThat(ok(fs.m("metadata-hash-at", fs.root, nofollow(), s("l")))).isNotEqualTo(hf);
    assertThat(ok(fs.m("metadata-hash", g))).isNotEqualTo(hf);
    assertThat(err(fs.m("metadata-hash-at", fs.root, follow(), s("zz")))).isEqualTo("no-entry");
    // unlinking a symlink removes the link, not its target
    assertThat(ok(fs.m("unlink-file-at", fs.root, s("l")))).isNull();
    assertThat(Files.exists(dir.resolve("f"))).isTrue();
  }

  @Test
  void sizesAndTimes() throws Exception {
    Files.writeString(dir.resolve("f"), "0123456789");
    Instant fixed = Instant.parse("2030-01-02T03:04:05Z");
    FsHarness fs =
        new FsHarness(
            WasiContext.builder()
                .preopen(new Preopen(dir, "/sandbox", false))
                .wallClock(Clock.fixed(fixed, ZoneOffset.UTC), Duration.ofNanos(1))
                .build());
    Value f = fs.open(fs.root, "f", flags(), "read", "write");
    assertThat(ok(fs.m("set-size", f, Value.u64(4)))).isNull();
    assertThat(Files.readString(dir.resolve("f"))).isEqualTo("0123");
    assertThat(ok(fs.m("set-size", f, Value.u64(6)))).isNull();
    assertThat(Files.readAllBytes(dir.resolve("f")))
        .isEqualTo(new byte[] {'0', '1', '2', '3', 0, 0});
    assertThat(err(fs.m("set-size", f, Value.u64(-1L)))).isEqualTo("file-too-large");

    Value ts =
        Value.variant(
            "timestamp",
            Value.record(
                Value.field("seconds", Value.u64(1_000_000_000L)),
                Value.field("nanoseconds", Value.u32(0))));
    assertThat(ok(fs.m("set-times", f, ts, Value.variant("now")))).isNull();
    Value.RecordValue st = (Value.RecordValue) ok(fs.m("stat", f));
    assertThat(st.get("data-modification-timestamp"))
        .isEqualTo(
            Value.some(
                Value.record(
                    Value.field("seconds", Value.u64(fixed.getEpochSecond())),
                    Value.field("nanoseconds", Value.u32(0)))));
    assertThat(Files.getLastModifiedTime(dir.resolve("f")).toInstant()).isEqualTo(fixed);
    assertThat(ok(fs.m("set-times-at", fs.root, follow(), s("f"), Value.variant("no-change"), ts)))
        .isNull();
    assertThat(Files.getLastModifiedTime(dir.resolve("f")).toMillis())
        .isEqualTo(1_000_000_000_000L);
    Value badNanos =
        Value.variant(
            "timestamp",
            Value.record(
                Value.field("seconds", Value.u64(1)),
                Value.field("nanoseconds", Value.u32(1_000_000_000L))));
    assertThat(err(fs.m("set-times", f, badNanos, Value.variant("no-change"))))
        .isEqualTo("invalid");
    Value huge =
        Value.variant(
            "timestamp",
            Value.record(
                Value.field("seconds", Value.u64(-1L)), Value.field("nanoseconds", Value.u32(0))));
    assertThat(err(fs.m("set-times", f, huge, Value.variant("no-change")))).isEqualTo("overflow");
    assertThat(err(fs.m("set-times-at", fs.root, follow(), s("none"), ts, ts)))
        .isEqualTo("no-entry");
    assertThat(ok(fs.m("set-times", fs.root, ts, ts))).isNull();
  }

  @Test
  void descriptorsOfARemovedOrReplacedDirectoryFail() throws Exception {
    Files.createDirectory(dir.resolve("d"));
    FsHarness fs = fs();
    Value d = fs.open(fs.root, "d", flags("directory"), "read");
    Files.move(dir.resolve("d"), dir.resolve("d2"));
    assertThat(err(fs.m("create-directory-at", d, s("x")))).isEqualTo("no-entry");
    Files.createDirectory(dir.resolve("d"));
    assertThat(err(fs.m("create-directory-at", d, s("x")))).isEqualTo("bad-descriptor");
    assertThat(Files.exists(dir.resolve("d/x"))).isFalse();
  }

  @Test
  void readDirectoryOfAnEmptyDirectoryAndEntryStreamEnd() {
    FsHarness fs = fs();
    assertThat(fs.list(fs.root)).isEqualTo(List.of());
  }
}
