package virga.wasi.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static virga.wasi.filesystem.FsHarness.err;
import static virga.wasi.filesystem.FsHarness.flags;
import static virga.wasi.filesystem.FsHarness.follow;
import static virga.wasi.filesystem.FsHarness.nofollow;
import static virga.wasi.filesystem.FsHarness.ok;
import static virga.wasi.filesystem.FsHarness.s;
import static virga.wasi.filesystem.FsHarness.statType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import virga.component.values.Value;

/**
 * Tries every way out of a preopen: {@code ..}, absolute paths, host symlinks pointing out
 * (absolute and relative, in the last and in a middle position), guest-created symlinks, symlink
 * chains and loops, subdirectory descriptors, and a directory swapped for a symlink under an open
 * descriptor. The file outside must stay unread and untouched.
 */
@Timeout(20)
class SandboxTest {
  @TempDir Path tmp;
  private Path box;
  private Path outside;
  private FsHarness fs;

  @BeforeEach
  void setUp() throws Exception {
    box = Files.createDirectory(tmp.resolve("box"));
    outside = Files.writeString(tmp.resolve("secret.txt"), "secret");
    Files.createDirectory(box.resolve("sub"));
    Files.writeString(box.resolve("sub/in.txt"), "inside");
    fs = new FsHarness(box, false);
  }

  private String openErr(Value dir, String path) {
    return err(fs.m("open-at", dir, follow(), s(path), flags(), flags("read")));
  }

  @Test
  void dotDotAndAbsolutePathsAreRefused() {
    for (String p :
        new String[] {
          "../secret.txt",
          "sub/../../secret.txt",
          "./../secret.txt",
          "sub/./../../secret.txt",
          "..",
          "sub/../..",
          "/etc/passwd",
          "/",
          tmp.resolve("secret.txt").toString()
        }) {
      assertThat(openErr(fs.root, p)).as(p).isEqualTo("not-permitted");
      assertThat(err(fs.m("stat-at", fs.root, follow(), s(p)))).as(p).isEqualTo("not-permitted");
    }
    // going up and down again inside the preopen is fine
    Value d =
        FsHarness.borrow(
            ok(fs.m("open-at", fs.root, follow(), s("sub/.."), flags(), flags("read"))));
    assertThat(fs.m("is-same-object", d, fs.root)).isEqualTo(Value.bool(true));
    assertThat(fs.readAll(fs.open(fs.root, "sub/../sub/in.txt", flags(), "read")))
        .isEqualTo("inside".getBytes());
  }

  @Test
  void mutationsCannotReachOutside() throws Exception {
    Value f = fs.open(fs.root, "sub/in.txt", flags(), "read");
    assertThat(f).isNotNull();
    assertThat(
            err(
                fs.m(
                    "open-at",
                    fs.root,
                    follow(),
                    s("../new.txt"),
                    flags("create"),
                    flags("write"))))
        .isEqualTo("not-permitted");
    assertThat(err(fs.m("create-directory-at", fs.root, s("../newdir"))))
        .isEqualTo("not-permitted");
    assertThat(err(fs.m("unlink-file-at", fs.root, s("../secret.txt")))).isEqualTo("not-permitted");
    assertThat(err(fs.m("remove-directory-at", fs.root, s("../box")))).isEqualTo("not-permitted");
    assertThat(err(fs.m("rename-at", fs.root, s("sub/in.txt"), fs.root, s("../stolen"))))
        .isEqualTo("not-permitted");
    assertThat(err(fs.m("rename-at", fs.root, s("../secret.txt"), fs.root, s("got"))))
        .isEqualTo("not-permitted");
    assertThat(err(fs.m("link-at", fs.root, nofollow(), s("../secret.txt"), fs.root, s("got"))))
        .isEqualTo("not-permitted");
    assertThat(err(fs.m("symlink-at", fs.root, s("sub/in.txt"), s("../l"))))
        .isEqualTo("not-permitted");
    assertThat(
            err(
                fs.m(
                    "set-times-at",
                    fs.root,
                    follow(),
                    s("../secret.txt"),
                    Value.variant("now"),
                    Value.variant("now"))))
        .isEqualTo("not-permitted");
    assertThat(Files.readString(outside)).isEqualTo("secret");
    try (var list = Files.list(tmp)) {
      assertThat(list.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("box", "secret.txt");
    }
  }

  @Test
  void hostSymlinksPointingOutAreNotFollowed() throws Exception {
    Files.createSymbolicLink(box.resolve("abs"), outside);
    Files.createSymbolicLink(box.resolve("rel"), Path.of("../secret.txt"));
    Files.createSymbolicLink(box.resolve("sub/deep"), Path.of("../../secret.txt"));
    Files.createSymbolicLink(box.resolve("outdir"), tmp);
    Files.createSymbolicLink(box.resolve("reldir"), Path.of(".."));
    for (String p :
        new String[] {"abs", "rel", "sub/deep", "outdir/secret.txt", "reldir/secret.txt", "abs/"}) {
      assertThat(openErr(fs.root, p)).as(p).isEqualTo("not-permitted");
      assertThat(err(fs.m("stat-at", fs.root, follow(), s(p)))).as(p).isEqualTo("not-permitted");
      assertThat(err(fs.m("metadata-hash-at", fs.root, follow(), s(p))))
          .as(p)
          .isEqualTo("not-permitted");
    }
    // creating through a symlinked directory is refused too
    assertThat(
            err(
                fs.m(
                    "open-at",
                    fs.root,
                    follow(),
                    s("outdir/planted"),
                    flags("create"),
                    flags("write"))))
        .isEqualTo("not-permitted");
    assertThat(err(fs.m("create-directory-at", fs.root, s("reldir/planted"))))
        .isEqualTo("not-permitted");
    assertThat(err(fs.m("rename-at", fs.root, s("sub/in.txt"), fs.root, s("outdir/in.txt"))))
        .isEqualTo("not-permitted");
    // the links themselves are visible, without following
    assertThat(statType(fs.m("stat-at", fs.root, nofollow(), s("abs")))).isEqualTo("symbolic-link");
    assertThat(ok(fs.m("readlink-at", fs.root, s("rel")))).isEqualTo(s("../secret.txt"));
    // an absolute target would leak the host's layout
    assertThat(err(fs.m("readlink-at", fs.root, s("abs")))).isEqualTo("not-permitted");
    assertThat(Files.exists(tmp.resolve("planted"))).isFalse();
    assertThat(Files.readString(outside)).isEqualTo("secret");
  }

  @Test
  void guestSymlinksMustStayInsideAndChainsAreBounded() {
    assertThat(err(fs.m("symlink-at", fs.root, s("../secret.txt"), s("l1"))))
        .isEqualTo("not-permitted");
    assertThat(err(fs.m("symlink-at", fs.root, s("sub/../../secret.txt"), s("l2"))))
        .isEqualTo("not-permitted");
    assertThat(err(fs.m("symlink-at", fs.root, s("/etc/passwd"), s("l3"))))
        .isEqualTo("not-permitted");
    assertThat(err(fs.m("symlink-at", fs.root, s("../../x"), s("sub/l4"))))
        .isEqualTo("not-permitted");
    assertThat(err(fs.m("symlink-at", fs.root, s(""), s("l5")))).isEqualTo("no-entry");
    assertThat(Files.exists(box.resolve("l1"))).isFalse();
    // a chain a -> b -> c -> sub/in.txt is followed
    assertThat(ok(fs.m("symlink-at", fs.root, s("sub/in.txt"), s("c")))).isNull();
    assertThat(ok(fs.m("symlink-at", fs.root, s("c"), s("b")))).isNull();
    assertThat(ok(fs.m("symlink-at", fs.root, s("b"), s("a")))).isNull();
    assertThat(fs.readAll(fs.open(fs.root, "a", flags(), "read"))).isEqualTo("inside".getBytes());
    // ../ inside a subdirectory that stays inside the preopen is allowed
    assertThat(ok(fs.m("symlink-at", fs.root, s("../c"), s("sub/up")))).isNull();
    assertThat(fs.readAll(fs.open(fs.root, "sub/up", flags(), "read")))
        .isEqualTo("inside".getBytes());
    // loops end in loop
    assertThat(ok(fs.m("symlink-at", fs.root, s("y"), s("x")))).isNull();
    assertThat(ok(fs.m("symlink-at", fs.root, s("x"), s("y")))).isNull();
    assertThat(openErr(fs.root, "x")).isEqualTo("loop");
    assertThat(ok(fs.m("symlink-at", fs.root, s("self/z"), s("self")))).isNull();
    assertThat(openErr(fs.root, "self")).isEqualTo("loop");
  }

  @Test
  void aLongChainEndsInLoop() {
    assertThat(ok(fs.m("symlink-at", fs.root, s("sub/in.txt"), s("n0")))).isNull();
    for (int i = 1; i <= PathResolver.MAX_SYMLINKS; i++) {
      assertThat(ok(fs.m("symlink-at", fs.root, s("n" + (i - 1)), s("n" + i)))).isNull();
    }
    assertThat(openErr(fs.root, "n" + (PathResolver.MAX_SYMLINKS - 1))).isEqualTo("ok");
    assertThat(openErr(fs.root, "n" + PathResolver.MAX_SYMLINKS)).isEqualTo("loop");
  }

  @Test
  void aSubdirectoryDescriptorIsItsOwnSandbox() {
    Value sub = fs.open(fs.root, "sub", flags("directory"), "read");
    assertThat(openErr(sub, "../sub/in.txt")).isEqualTo("not-permitted");
    assertThat(openErr(sub, "..")).isEqualTo("not-permitted");
    assertThat(ok(fs.m("symlink-at", fs.root, s("../sub/in.txt"), s("sub/back")))).isNull();
    assertThat(openErr(sub, "back")).isEqualTo("not-permitted");
    assertThat(openErr(fs.root, "sub/back")).isEqualTo("ok");
    assertThat(openErr(sub, "in.txt")).isEqualTo("ok");
  }

  @Test
  void aDirectorySwappedForASymlinkUnderAnOpenDescriptorIsRefused() throws Exception {
    Value sub = fs.open(fs.root, "sub", flags("directory"), "read");
    Files.move(box.resolve("sub"), box.resolve("sub-moved"));
    Files.createSymbolicLink(box.resolve("sub"), tmp);
    assertThat(openErr(sub, "secret.txt")).isEqualTo("bad-descriptor");
    assertThat(err(fs.m("read-directory", sub))).isEqualTo("bad-descriptor");
    assertThat(err(fs.m("unlink-file-at", sub, s("secret.txt")))).isEqualTo("bad-descriptor");
    assertThat(err(fs.m("stat", sub))).isEqualTo("bad-descriptor");
    assertThat(Files.readString(outside)).isEqualTo("secret");
  }

  @Test
  void aFileSwappedUnderAnOpenDescriptorKeepsItsOwnMetadata() throws Exception {
    Value f = fs.open(fs.root, "sub/in.txt", flags(), "read");
    Files.delete(box.resolve("sub/in.txt"));
    Files.createSymbolicLink(box.resolve("sub/in.txt"), outside);
    assertThat(FsHarness.statSize(fs.m("stat", f))).isEqualTo("inside".length());
    assertThat(err(fs.m("set-times", f, Value.variant("now"), Value.variant("now"))))
        .isEqualTo("bad-descriptor");
    assertThat(fs.readAll(f)).isEqualTo("inside".getBytes());
  }
}
