package virga.bench.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The operator's shaded jar in its own JVM ({@code java -Xmx.. -jar virga-operator-*-all.jar}), as
 * bench/operator/run.sh runs it, with its log in a file and its pid in the pid file.
 */
final class OperatorProcess implements AutoCloseable {
  private final Process process;

  private OperatorProcess(Process process) {
    this.process = process;
  }

  static OperatorProcess start(
      Path jar,
      String natsUrl,
      String hostNamespace,
      Path kubeConfig,
      List<String> flags,
      String xmx,
      Path log,
      Path gcLog,
      Path pidFile)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // bin/operator's JVM flags, and a GC log for the heap figures
    List<String> cmd =
        new ArrayList<>(
            List.of(java, "-Xmx" + xmx, "-XX:TieredStopAtLevel=1", "-Xlog:gc:file=" + gcLog));
    cmd.addAll(
        List.of(
            "-jar",
            jar.toAbsolutePath().toString(),
            "--nats-url",
            natsUrl,
            "--host-namespace",
            hostNamespace,
            "--metrics-bind-address",
            "0",
            "--health-probe-bind-address",
            "0"));
    cmd.addAll(flags);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.environment().put("KUBECONFIG", kubeConfig.toString());
    pb.environment().put("POD_NAME", "bench-operator");
    Process p = pb.start();
    Files.writeString(
        pidFile,
        HostProcesses.pidLine(p.pid()),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    return new OperatorProcess(p);
  }

  long pid() {
    return process.pid();
  }

  /** Fails when the operator has exited. */
  void check() {
    if (!process.isAlive()) {
      throw new IllegalStateException("the operator exited with " + process.exitValue());
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
