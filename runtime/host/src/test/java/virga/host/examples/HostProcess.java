package virga.host.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import virga.host.testing.RawResponses;

/**
 * {@code bin/host} run as a user runs it, from the repository root: its merged output is collected
 * line by line, and requests reach its HTTP listener with a {@code Host} header.
 */
final class HostProcess implements AutoCloseable {
  static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
  private static final Pattern SERVING = Pattern.compile("serving HTTP on http://[^:]+:(\\d+) ");

  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private final Thread reader;

  private HostProcess(Process process) {
    this.process = process;
    this.reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                  }
                }
              } catch (IOException e) {
                // the process is gone
              }
            },
            "host-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code bin/host ARGS} in the repository root. */
  static HostProcess start(String... args) throws IOException {
    Path host = ROOT.resolve("bin/host");
    if (!Files.isExecutable(host) || !Files.exists(ROOT.resolve("runtime/host/target"))) {
      throw new IllegalStateException("bin/host is not built: run mvn -B -q install -DskipTests");
    }
    List<String> cmd = new ArrayList<>(List.of(host.toString()));
    cmd.addAll(List.of(args));
    return new HostProcess(
        new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true).start());
  }

  /** Waits for a line containing {@code text}; returns it. */
  String await(String text, Duration timeout) throws InterruptedException {
    return awaitLine(Pattern.compile(Pattern.quote(text)), timeout).group();
  }

  private Matcher awaitLine(Pattern p, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lines) {
      int seen = 0;
      while (true) {
        for (; seen < lines.size(); seen++) {
          Matcher m = p.matcher(lines.get(seen));
          if (m.find()) {
            return m;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
          throw new AssertionError("no line matching " + p + " in:\n" + String.join("\n", lines));
        }
        lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
    }
  }

  /** The HTTP port from the host's "serving HTTP on" line. */
  int httpPort(Duration timeout) throws InterruptedException {
    return Integer.parseInt(awaitLine(SERVING, timeout).group(1));
  }

  /** How many output lines so far are exactly {@code line}. */
  long count(String line) {
    synchronized (lines) {
      return lines.stream().filter(line::equals).count();
    }
  }

  /** The output so far. */
  String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  /** Waits for the process to end by itself; returns its exit code. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("bin/host still running after " + timeout + ":\n" + output());
    }
    reader.join(5_000);
    return process.exitValue();
  }

  /** Ctrl-C's equivalent (SIGTERM runs the same shutdown hook); returns the exit code. */
  int stop() throws InterruptedException {
    // the handle's destroy sends SIGTERM only: Process.destroy() also closes our end of its pipes,
    // losing what the host prints while it drains
    process.toHandle().destroy();
    return awaitExit(Duration.ofSeconds(30));
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** One {@code GET path} with {@code Host: host}: the status line's code and the body. */
  static Response get(int port, String host, String path) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new Response(RawResponses.status(raw), RawResponses.body(raw));
    }
  }

  /** An HTTP answer. */
  record Response(int status, String body) {}
}
