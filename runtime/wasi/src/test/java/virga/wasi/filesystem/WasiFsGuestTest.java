package virga.wasi.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * guests/wasi-fs (C, wasi-libc, preview1 command adapter) on the JVM host: every file and directory
 * operation through the adapter, against a real preopened directory.
 */
@Timeout(60)
class WasiFsGuestTest {
  @TempDir Path tmp;

  @Test
  void createsWritesReadsListsRenamesAndRemovesInItsPreopen() throws Exception {
    Path box = Files.createDirectory(tmp.resolve("box"));
    WasiFsGuest.Run r = WasiFsGuest.run(box, false);
    assertThat(r.stderr()).isEmpty();
    assertThat(r.stdout()).isEqualTo(WasiFsGuest.expectedStdout());
    assertThat(r.code()).isZero();
    try (var list = Files.list(box)) {
      assertThat(list.map(p -> p.getFileName().toString()).toList()).containsExactly("kept.txt");
    }
    assertThat(Files.readString(box.resolve("kept.txt"))).isEqualTo("hello Wo");
  }

  @Test
  void escapeAttemptsFailInsideTheGuest() throws Exception {
    Path box = Files.createDirectory(tmp.resolve("box"));
    Files.writeString(tmp.resolve("outside.txt"), "secret");
    Files.createSymbolicLink(box.resolve("host-link"), tmp.resolve("outside.txt"));
    WasiFsGuest.Run r = WasiFsGuest.run(box, false, "escape");
    assertThat(r.stdout())
        .contains(
            "escape open ..: EPERM\n",
            "escape create ..: EPERM\n",
            "escape mkdir ..: EPERM\n",
            "escape symlink create: EPERM\n",
            "escape host symlink: EPERM\n",
            "escape absolute: ENOTCAPABLE\n",
            "unexpected=0\n");
    assertThat(r.code()).isZero();
    try (var list = Files.list(tmp)) {
      assertThat(list.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("box", "outside.txt");
    }
    assertThat(Files.readString(tmp.resolve("outside.txt"))).isEqualTo("secret");
  }

  @Test
  void aReadOnlyPreopenFailsTheFirstMutation() throws Exception {
    Path box = Files.createDirectory(tmp.resolve("box"));
    WasiFsGuest.Run r = WasiFsGuest.run(box, true);
    assertThat(r.stdout()).startsWith("mkdir work: EROFS\n");
    assertThat(r.code()).isEqualTo(1); // the adapter maps exit(3) to exit(err)
    try (var list = Files.list(box)) {
      assertThat(list.count()).isZero();
    }
  }
}
