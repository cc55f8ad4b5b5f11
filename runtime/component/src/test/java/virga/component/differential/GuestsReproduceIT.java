package virga.component.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Rebuilding the C, Rust and WAT guests from their sources with the project's toolchains gives the
 * committed {@code guests/wasm/*.wasm} byte for byte ({@code guests/build.sh --check}), so the
 * fixtures the engine is tested with are what the sources say.
 */
class GuestsReproduceIT {
  @Test
  void committedGuestsAreWhatTheSourcesBuild() throws Exception {
    Path guests = Fixtures.guests();
    requireToolchains(guests);
    ProcessBuilder pb =
        new ProcessBuilder("bash", guests.resolve("build.sh").toString(), "--check")
            .redirectErrorStream(true);
    Path log = Files.createTempFile("guests-check", ".log");
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    boolean done = p.waitFor(10, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.deleteIfExists(log);
    assertThat(done).as("guests/build.sh --check finished in time").isTrue();
    assertThat(p.exitValue()).as("guests/build.sh --check:%n%s", output).isZero();
    assertThat(output).as("it checked the C guests").contains("kinds").contains("reverse");
  }

  private static void requireToolchains(Path guests) throws IOException {
    String missing = null;
    if (!Files.isExecutable(guests.resolve("tools/node_modules/.bin/jco"))) {
      missing = "jco (cd guests/tools && npm install)";
    } else if (!Files.isExecutable(Path.of("/usr/bin/clang"))) {
      missing = "clang (scripts/install-prereqs.sh)";
    } else if (!Files.isExecutable(Path.of("/usr/bin/rustc"))) {
      missing = "/usr/bin/rustc (scripts/install-prereqs.sh)";
    }
    if (missing == null) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionFailedError(
          "guest toolchain missing: " + missing + " (CI=true: must run)");
    }
    Assumptions.abort("guest toolchain missing: " + missing);
  }
}
