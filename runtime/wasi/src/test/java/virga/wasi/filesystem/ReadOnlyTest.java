package virga.wasi.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static virga.wasi.filesystem.FsHarness.err;
import static virga.wasi.filesystem.FsHarness.flags;
import static virga.wasi.filesystem.FsHarness.follow;
import static virga.wasi.filesystem.FsHarness.nofollow;
import static virga.wasi.filesystem.FsHarness.ok;
import static virga.wasi.filesystem.FsHarness.s;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import virga.component.values.Value;
import virga.wasi.Preopen;
import virga.wasi.WasiContext;
import virga.wasi.host.Vals;

/** A read-only preopen serves reads and refuses every mutation with {@code read-only}. */
@Timeout(20)
class ReadOnlyTest {
  @TempDir Path tmp;

  @Test
  void everyMutationIsRefused() throws Exception {
    Path box = Files.createDirectory(tmp.resolve("ro"));
    Files.writeString(box.resolve("f"), "keep");
    Files.createDirectory(box.resolve("d"));
    Files.createDirectory(box.resolve("empty"));
    FsHarness fs = new FsHarness(box, true);
    Value root = fs.root;
    Value now = Value.variant("now");
    assertThat(ok(fs.m("get-flags", root))).isEqualTo(flags("read"));
    for (String[] of : new String[][] {{"create"}, {"truncate"}, {}}) {
      assertThat(err(fs.m("open-at", root, follow(), s("f"), flags(of), flags("write"))))
          .isEqualTo("read-only");
    }
    assertThat(err(fs.m("open-at", root, follow(), s("new"), flags("create"), flags("read"))))
        .isEqualTo("read-only");
    assertThat(err(fs.m("open-at", root, follow(), s("f"), flags("truncate"), flags("read"))))
        .isEqualTo("read-only");
    assertThat(err(fs.m("create-directory-at", root, s("x")))).isEqualTo("read-only");
    assertThat(err(fs.m("remove-directory-at", root, s("empty")))).isEqualTo("read-only");
    assertThat(err(fs.m("unlink-file-at", root, s("f")))).isEqualTo("read-only");
    assertThat(err(fs.m("rename-at", root, s("f"), root, s("g")))).isEqualTo("read-only");
    assertThat(err(fs.m("symlink-at", root, s("f"), s("l")))).isEqualTo("read-only");
    assertThat(err(fs.m("link-at", root, nofollow(), s("f"), root, s("h")))).isEqualTo("read-only");
    assertThat(err(fs.m("set-times-at", root, follow(), s("f"), now, now))).isEqualTo("read-only");
    assertThat(err(fs.m("set-times", root, now, now))).isEqualTo("read-only");
    Value d = fs.open(root, "d", flags("directory"), "read");
    assertThat(ok(fs.m("get-flags", d))).isEqualTo(flags("read"));
    assertThat(err(fs.m("create-directory-at", d, s("x")))).isEqualTo("read-only");
    Value f = fs.open(root, "f", flags(), "read");
    assertThat(err(fs.m("set-size", f, Value.u64(0)))).isEqualTo("read-only");
    assertThat(err(fs.m("set-times", f, now, now))).isEqualTo("read-only");
    assertThat(err(fs.m("write", f, Vals.bytes(new byte[] {1}), Value.u64(0))))
        .isEqualTo("read-only");
    assertThat(err(fs.m("write-via-stream", f, Value.u64(0)))).isEqualTo("read-only");
    assertThat(err(fs.m("append-via-stream", f))).isEqualTo("read-only");
    // reading works
    assertThat(new String(fs.readAll(f), StandardCharsets.UTF_8)).isEqualTo("keep");
    assertThat(fs.list(root).stream().sorted().toList())
        .containsExactly("d:directory", "empty:directory", "f:regular-file");
    // nothing changed on the host
    assertThat(Files.readString(box.resolve("f"))).isEqualTo("keep");
    try (var list = Files.list(box)) {
      assertThat(list.count()).isEqualTo(3);
    }
  }

  @Test
  void renameOrLinkIntoAReadOnlyPreopenIsRefused() throws Exception {
    Path rw = Files.createDirectory(tmp.resolve("rw"));
    Path ro = Files.createDirectory(tmp.resolve("ro"));
    Files.writeString(rw.resolve("f"), "x");
    FsHarness fs =
        new FsHarness(
            WasiContext.builder()
                .preopen(new Preopen(rw, "/rw", false))
                .preopen(new Preopen(ro, "/ro", true))
                .build());
    Value.ListValue pre = (Value.ListValue) fs.call("wasi:filesystem/preopens", "get-directories");
    Value roDir = FsHarness.borrow(((Value.TupleValue) pre.elements().get(1)).elements().get(0));
    assertThat(((Value.TupleValue) pre.elements().get(1)).elements().get(1)).isEqualTo(s("/ro"));
    assertThat(err(fs.m("rename-at", fs.root, s("f"), roDir, s("f")))).isEqualTo("read-only");
    assertThat(err(fs.m("link-at", fs.root, nofollow(), s("f"), roDir, s("f"))))
        .isEqualTo("read-only");
    assertThat(err(fs.m("rename-at", roDir, s("x"), fs.root, s("y")))).isEqualTo("read-only");
    assertThat(Files.exists(ro.resolve("f"))).isFalse();
    assertThat(Files.exists(rw.resolve("f"))).isTrue();
  }
}
