package virga.wasi.guests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import virga.wasi.guests.CommandGuests.Invocation;
import virga.wasi.guests.CommandGuests.Run;

/**
 * Differential: the Rust and JS command guests under node {@code jco run} (preview2-shim 0.25) and
 * under the JVM host, from the same {@link Invocation} (args, env, stdin, working directory, a
 * fresh directory preopened at {@code /sandbox} on each side), must print the same stdout, exit
 * with the same code and leave the same files. Nothing is normalised: the guests print no host
 * paths, times or random values, and the working directory is the same real path on both sides.
 * Skips without node/jco, fails under {@code CI=true}.
 */
@Timeout(600)
class MultiLanguageDifferentialIT {
  @TempDir Path tmp;

  @BeforeAll
  static void compile() {
    CommandGuests.requireJco();
    // the JS component (~20 s on Chicory) compiles on first use, once per JVM
    CommandGuests.component(CommandGuests.RUST);
  }

  @AfterAll
  static void compileTimes() {
    System.out.println("compile times (ms): " + CommandGuests.COMPILE_MS);
  }

  @Test
  void rustCliAndClocks() throws Exception {
    for (List<String> args : List.of(List.of("a", "b c", ""), List.of("--exit", "7"))) {
      Invocation inv =
          CommandGuests.invocation(
              CommandGuests.RUST, "h\u00e9llo\nworld\n", args.toArray(new String[0]));
      compare(inv, "rust guest to stderr\n");
    }
  }

  @Test
  void rustFiles() throws Exception {
    compareWithFiles(
        CommandGuests.invocation(CommandGuests.RUST, "", "--dir", CommandGuests.GUEST_DIR),
        "fs ok\n");
  }

  @Test
  void jsCliClocksAndRandom() throws Exception {
    Path cwd = Files.createDirectory(tmp.resolve("cwd")).toRealPath();
    for (List<String> args : List.of(List.of("a", "\u00fcber", ""), List.of("--exit", "42"))) {
      Invocation inv =
          CommandGuests.withCwd(
              CommandGuests.withEnv(
                  CommandGuests.invocation(
                      CommandGuests.JS, "h\u00e9llo\nworld\n", args.toArray(new String[0])),
                  "UNICODE",
                  CommandGuests.UNICODE),
              cwd.toString());
      compare(inv, "js guest to stderr\n");
    }
  }

  @Test
  void jsFiles() throws Exception {
    Path cwd = Files.createDirectory(tmp.resolve("cwd")).toRealPath();
    compareWithFiles(
        CommandGuests.withCwd(
            CommandGuests.invocation(CommandGuests.JS, "", "--fs", CommandGuests.GUEST_DIR),
            cwd.toString()),
        "fs ok\n");
  }

  private void compare(Invocation inv, String stderr) throws Exception {
    Run node = CommandGuests.node(inv, tmp);
    Run jvm = CommandGuests.jvm(inv);
    assertThat(node.stdout())
        .as("node stdout (stderr: %s)", node.stderr())
        .contains("exiting with");
    assertThat(jvm.stdout()).isEqualTo(node.stdout());
    assertThat(jvm.code()).isEqualTo(node.code());
    assertThat(node.stderr()).isEqualTo(stderr);
    assertThat(jvm.stderr()).isEqualTo(node.stderr());
  }

  private void compareWithFiles(Invocation inv, String marker) throws Exception {
    Path nodeBox = Files.createDirectory(tmp.resolve("node-box"));
    Path jvmBox = Files.createDirectory(tmp.resolve("jvm-box"));
    Files.writeString(nodeBox.resolve("existing.txt"), "x");
    Files.writeString(jvmBox.resolve("existing.txt"), "x");
    Run node = CommandGuests.node(CommandGuests.withPreopen(inv, nodeBox), tmp);
    Run jvm = CommandGuests.jvm(CommandGuests.withPreopen(inv, jvmBox));
    assertThat(node.stdout()).as("node stdout (stderr: %s)", node.stderr()).contains(marker);
    assertThat(jvm.stdout()).isEqualTo(node.stdout());
    assertThat(jvm.code()).isEqualTo(node.code()).isZero();
    List<String> nodeFiles = listing(nodeBox);
    assertThat(listing(jvmBox)).isEqualTo(nodeFiles).hasSize(2);
    for (String f : nodeFiles) {
      assertThat(Files.readString(jvmBox.resolve(f), StandardCharsets.UTF_8))
          .isEqualTo(Files.readString(nodeBox.resolve(f), StandardCharsets.UTF_8));
    }
  }

  private static List<String> listing(Path dir) throws Exception {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
