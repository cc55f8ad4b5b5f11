package virga.wasi.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import virga.wasi.NetworkPolicy.Caller;

/**
 * Differential: the tcp-echo guest as a TCP service under node (jco transpile + preview2-shim, see
 * guests/tcp-echo/oracle.mjs) and under the JVM host; the same Java client exchange must give the
 * same bytes back and the guest the same stdout and exit code. Needs node and {@code cd
 * guests/tools && npm install}.
 */
@Timeout(180)
class TcpEchoIT {
  private static final Path GUESTS = Path.of("../../guests");
  private static final Path JCO = GUESTS.resolve("tools/node_modules/.bin/jco");
  private static final List<String> MESSAGES =
      List.of("alpha", "beta gamma", "\u00fcnic\u00f6de \u2713");

  record Run(List<String> replies, String stdout, int code) {}

  @Test
  void jvmHostMatchesNodeOracle() throws Exception {
    assumeTrue(Files.isExecutable(JCO), "jco not installed (cd guests/tools && npm install)");
    Run node = node();
    Run jvm = jvm();
    assertThat(node.code()).as(node.stdout()).isZero();
    assertThat(node.replies())
        .containsExactly("echo: alpha", "echo: beta gamma", "echo: \u00fcnic\u00f6de \u2713");
    assertThat(jvm.replies()).isEqualTo(node.replies());
    assertThat(jvm.stdout().replace(":" + portOf(jvm), ":P"))
        .isEqualTo(node.stdout().replace(":" + portOf(node), ":P"));
    assertThat(jvm.code()).isEqualTo(node.code());
  }

  private static String portOf(Run r) {
    String first = r.stdout().lines().findFirst().orElse("");
    return first.substring(first.lastIndexOf(':') + 1);
  }

  private static Run jvm() throws Exception {
    int port = TcpEchoGuest.freePort();
    TcpEchoGuest g =
        TcpEchoGuest.start(
            Map.of("port", "" + port, "count", "" + MESSAGES.size()),
            WasmCloudNetworkPolicy.closed(),
            Caller.service("wl", "echo"));
    List<String> replies = exchange(port);
    int code = g.awaitExit(30);
    return new Run(replies, g.out(), code);
  }

  private static Run node() throws Exception {
    int port = TcpEchoGuest.freePort();
    ProcessBuilder pb =
        new ProcessBuilder("node", GUESTS.resolve("tcp-echo/oracle.mjs").toString());
    pb.environment().put("TCP_ECHO_PORT", "" + port);
    pb.environment().put("TCP_ECHO_COUNT", "" + MESSAGES.size());
    Path out = Files.createTempFile("tcp-echo-node", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p = pb.start();
    try {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(out).contains("listening on") && System.nanoTime() < end) {
        if (!p.isAlive()) {
          break;
        }
        Thread.sleep(50);
      }
      List<String> replies = exchange(port);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        throw new AssertionError("node oracle did not finish: " + Files.readString(out));
      }
      return new Run(replies, Files.readString(out), p.exitValue());
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(out);
    }
  }

  /** One connection per message, each sent once and read to the end (bounded retries). */
  private static List<String> exchange(int port) throws Exception {
    List<String> replies = new ArrayList<>();
    for (String m : MESSAGES) {
      Socket s = connect(port);
      try (s) {
        s.setSoTimeout(20_000);
        s.getOutputStream().write(m.getBytes(StandardCharsets.UTF_8));
        replies.add(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return replies;
  }

  private static Socket connect(int port) throws Exception {
    IOException last = null;
    for (int i = 0; i < 200; i++) {
      try {
        return new Socket(InetAddress.getByName("127.0.0.1"), port);
      } catch (IOException e) {
        last = e;
        Thread.sleep(50);
      }
    }
    throw last;
  }
}
