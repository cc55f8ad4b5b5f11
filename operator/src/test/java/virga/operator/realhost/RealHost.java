package virga.operator.realhost;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import virga.testsupport.FreePorts;

/**
 * One {@code bin/host cluster} process, started as {@code java -jar virga-host-*-cli.jar cluster}
 * with its own HTTP ingress and {@code /metrics} ports; its output goes to a log file. The operator
 * module never links the host: this is the only way it meets one.
 */
final class RealHost {
  private final String id;
  private final String hostName;
  private final int httpPort;
  private final int metricsPort;
  private final Path log;
  private final Process process;

  private RealHost(
      String id, String hostName, int httpPort, int metricsPort, Path log, Process process) {
    this.id = id;
    this.hostName = hostName;
    this.httpPort = httpPort;
    this.metricsPort = metricsPort;
    this.log = log;
    this.process = process;
  }

  /**
   * Starts the host {@code id} on {@code natsUrl}, in {@code workDir}, and waits until it says it
   * runs (connected or still connecting in the background); the log is appended to, so a restart
   * keeps the history.
   */
  static RealHost launch(
      Path jar,
      Path workDir,
      String natsUrl,
      String id,
      String hostName,
      Duration heartbeat,
      Path logDir)
      throws IOException, InterruptedException {
    int http = FreePorts.find();
    int metrics = FreePorts.find();
    Files.createDirectories(logDir);
    Path log = logDir.resolve(id + ".log");
    Files.writeString(
        log,
        "---- launch on http " + http + ", metrics " + metrics + "\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // three of these share 2 cores with the API server, etcd, NATS and the test JVM
    cmd.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    cmd.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "cluster",
            "--scheduler-nats-url",
            natsUrl,
            "--host-id",
            id,
            "--host-name",
            hostName, // what a pod's IP is matched with
            "--host-group",
            "default",
            "--http-addr",
            "127.0.0.1:" + http,
            "--metrics-addr",
            "127.0.0.1:" + metrics,
            "--heartbeat-interval",
            heartbeat.toMillis() + "ms",
            "--drain-timeout",
            "5s",
            // the tests' registry speaks plain HTTP on 127.0.0.1
            "--allow-insecure-registries",
            "--oci-cache-dir",
            logDir.resolve(id + "-oci-cache").toString()));
    Process p =
        new ProcessBuilder(cmd)
            .directory(workDir.toFile()) // where relative image paths are read from
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    RealHost h = new RealHost(id, hostName, http, metrics, log, p);
    try {
      h.awaitOutput("running; press Ctrl-C to stop", Duration.ofSeconds(60));
    } catch (AssertionError | InterruptedException e) {
      h.kill();
      throw e;
    }
    return h;
  }

  String id() {
    return id;
  }

  /** The host name it reports ({@code --host-name}): the IP a host pod of it would have. */
  String hostName() {
    return hostName;
  }

  int httpPort() {
    return httpPort;
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Everything the host printed (all launches of this id). */
  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  private void awaitOutput(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String out = output();
      if (out.substring(out.lastIndexOf("---- launch")).contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("host " + id + " exited:\n" + out);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("host " + id + " never printed '" + text + "':\n" + output());
  }

  /** A host killed without a word: SIGKILL, no drain, no goodbye on the bus. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGTERM (the host drains), then SIGKILL if it is still there after {@code grace}. */
  void stop(Duration grace) throws InterruptedException {
    process.toHandle().destroy();
    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      kill();
    }
  }

  /** {@code GET path} on the ingress with {@code Host: host}. */
  Response get(String host, String path) throws IOException {
    return get(httpPort, host, path);
  }

  /**
   * The value of one sample on {@code /metrics}: {@code name} exactly, with every label of {@code
   * labels} (e.g. {@code command="workload.start"}); 0 when absent, as a counter never incremented.
   */
  double metric(String name, String... labels) throws IOException {
    Response r = get(metricsPort, "127.0.0.1", "/metrics");
    if (r.status() != 200) {
      throw new AssertionError("/metrics of " + id + " answered " + r.status());
    }
    double sum = 0;
    for (String line : r.body().split("\n")) {
      if (line.startsWith("#")
          || !(line.startsWith(name + " ") || line.startsWith(name + "{"))
          || !containsAll(line, labels)) {
        continue;
      }
      sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
    return sum;
  }

  private static boolean containsAll(String line, String... labels) {
    for (String l : labels) {
      if (!line.contains(l)) {
        return false;
      }
    }
    return true;
  }

  private static Response get(int port, String host, String path) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(raw.substring(9, 12));
      int end = raw.indexOf("\r\n\r\n");
      String body = raw.substring(end + 4);
      if (raw.substring(0, end).toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
        body = dechunk(body);
      }
      return new Response(status, body);
    }
  }

  private static String dechunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (true) {
      int eol = chunked.indexOf("\r\n", i);
      int size = Integer.parseInt(chunked.substring(i, eol).trim(), 16);
      if (size == 0) {
        return out.toString();
      }
      out.append(chunked, eol + 2, eol + 2 + size);
      i = eol + 2 + size + 2;
    }
  }

  /** An HTTP answer. */
  record Response(int status, String body) {}
}
