package virga.wasi.guests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import virga.wasi.guests.CommandGuests.Invocation;
import virga.wasi.guests.CommandGuests.Run;

/**
 * guests/wasi-js-command (QuickJS via componentize-qjs --sync; imports WASI 0.2.12 directly, no
 * adapter) on the JVM host. The 1.7 MB component is compiled once per JVM (printed after the
 * class). Expectations are derived from the inputs; {@code MultiLanguageDifferentialIT} compares
 * the same runs with {@code jco run}.
 */
@Timeout(300)
class JsCommandGuestTest {
  @TempDir Path tmp;

  @BeforeAll
  static void compile() {
    CommandGuests.component(CommandGuests.JS);
  }

  @AfterAll
  static void compileTime() {
    System.out.println(
        "wasi-js-command compiled in " + CommandGuests.COMPILE_MS.get(CommandGuests.JS) + " ms");
  }

  @Test
  void cliClocksAndRandom() {
    String stdin = "h\u00e9llo\nworld\n";
    Invocation inv =
        CommandGuests.withCwd(
            CommandGuests.withEnv(
                CommandGuests.invocation(CommandGuests.JS, stdin, "a", "\u00fcber", ""),
                "UNICODE",
                CommandGuests.UNICODE),
            "/work/dir");
    Run r = CommandGuests.jvm(inv);
    byte[] in = stdin.getBytes(StandardCharsets.UTF_8);
    assertThat(r.stdout())
        .startsWith(
            "argc=4\n"
                + "argv[1]=\"a\"\n"
                + "argv[2]=\"\u00fcber\"\n"
                + "argv[3]=\"\"\n"
                + "env GREETING=\"hi\"\n"
                + "env UNICODE=\""
                + CommandGuests.UNICODE
                + "\"\n"
                + "env VIRGA_UNSET unset\n"
                + "cwd=\"/work/dir\"\n"
                + "stdin len="
                + in.length
                + " lines=2 fnv="
                + CommandGuests.fnv1a(in)
                + "\n"
                + "stdin utf8 chars="
                + stdin.codePointCount(0, stdin.length())
                + "\n")
        .contains(
            "monotonic non-decreasing=true resolution>0=true\n",
            "wall after-2020=true nanoseconds<1e9=true\n",
            "wall resolution>0=true\n",
            "Date.now within 60s of wall-clock=true\n",
            "performance.now non-decreasing=true >=0=true\n",
            "random bytes len=32 type=Uint8Array differ=true\n",
            "random u64 type=number nonneg=true\n",
            "insecure bytes len=16 u64 type=number\n",
            "insecure-seed tuple=true len=2\n",
            "Math.random in [0,1)=true\n")
        .endsWith("exiting with 0\n")
        .doesNotContain("fs ");
    assertThat(r.stderr()).isEqualTo("js guest to stderr\n");
    assertThat(r.code()).isZero();
  }

  @Test
  void exitWithCodePassesTheExactCode() {
    Run r = CommandGuests.jvm(CommandGuests.invocation(CommandGuests.JS, "", "--exit", "42"));
    assertThat(r.stdout())
        .contains("stdin len=0 lines=0 fnv=811c9dc5\n")
        .endsWith("exiting with 42\n");
    assertThat(r.code()).isEqualTo(42);
  }

  @Test
  void noCwdIsNull() {
    Run r =
        CommandGuests.jvm(
            CommandGuests.withCwd(CommandGuests.invocation(CommandGuests.JS, ""), null));
    assertThat(r.stdout()).contains("cwd=null\n");
  }

  @Test
  void filesInAPreopenedDirectory() throws Exception {
    Path box = Files.createDirectory(tmp.resolve("box"));
    Run r =
        CommandGuests.jvm(
            CommandGuests.withPreopen(
                CommandGuests.invocation(CommandGuests.JS, "", "--fs", CommandGuests.GUEST_DIR),
                box));
    assertThat(r.stdout())
        .contains(
            "fs preopen /sandbox found=true\n"
                + "fs preopen type=directory\n"
                + "fs wrote 15+12 bytes\n"
                + "fs stat type=regular-file size=27\n")
        .contains(
            "fs read len=27 ",
            "text=\"h\u00e9llo from js\\nsecond line\\n\"\n",
            "fs pread@12=\"js\\nsec\"\n",
            "fs truncated size=5\n",
            "fs exclusive create of existing: exist\n",
            "fs open missing: no-entry\n",
            "fs list top=[\"js-sub:directory\",\"kept-by-js.txt:regular-file\"]\n",
            "fs after remove stat js-sub: no-entry\n",
            "fs ok\n")
        .contains("fs open ../escape.txt: ")
        .doesNotContain("opened?!")
        .endsWith("exiting with 0\n");
    assertThat(r.code()).isZero();
    try (var s = Files.list(box)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("kept-by-js.txt");
    }
    assertThat(Files.readString(box.resolve("kept-by-js.txt"))).isEqualTo("kept\n");
    assertThat(tmp.resolve("escape.txt")).doesNotExist();
  }

  @Test
  void withoutThePreopenTheFileStepReportsIt() {
    Run r =
        CommandGuests.jvm(
            CommandGuests.invocation(CommandGuests.JS, "", "--fs", CommandGuests.GUEST_DIR));
    assertThat(r.stdout())
        .contains("fs preopen /sandbox found=false\n")
        .endsWith("exiting with 4\n");
    assertThat(r.code()).isEqualTo(4);
  }
}
