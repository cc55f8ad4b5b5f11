package virga.e2e.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One-shot commands of the host CLI ({@code bin/host}): {@code push} of a component. */
public final class HostCli {
  private HostCli() {}

  /**
   * {@code host push FILE REF --username USER --password-stdin --insecure}, the password on stdin
   * as a user would type it; fails with the CLI's output unless it exits 0.
   */
  public static void push(Path jar, Path file, String ref, String user, String password)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    jar.toString(),
                    "push",
                    file.toString(),
                    ref,
                    "--username",
                    user,
                    "--password-stdin",
                    "--insecure"))
            .redirectErrorStream(true)
            .start();
    try (OutputStream stdin = p.getOutputStream()) {
      stdin.write((password + "\n").getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new AssertionError("host push " + file + " " + ref + " failed:\n" + out);
    }
  }
}
