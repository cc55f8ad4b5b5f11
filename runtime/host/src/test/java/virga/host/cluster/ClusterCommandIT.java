package virga.host.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import virga.protocol.v2.WorkloadState;
import virga.testsupport.NatsServerExtension;

/** {@code bin/host cluster} as a process, the way the chart starts it. */
class ClusterCommandIT {
  static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

  @RegisterExtension static NatsServerExtension nats = new NatsServerExtension();

  @Test
  void sigtermDrainsTheWorkloadsAndExitsZero() throws Exception {
    Process p =
        new ProcessBuilder(
                ROOT.resolve("bin/host").toString(),
                "cluster",
                "--scheduler-nats-url",
                nats.url(),
                "--host-id",
                "proc-host",
                "--http-addr",
                "127.0.0.1:0",
                "--drain-timeout",
                "10s")
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .start();
    StringBuilder out = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try {
                byte[] buf = new byte[4096];
                for (int n; (n = p.getInputStream().read(buf)) > 0; ) {
                  synchronized (out) {
                    out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                  }
                }
              } catch (java.io.IOException e) {
                // gone
              }
            });
    reader.start();
    try (Bus bus = new Bus(nats.url())) {
      WorkloadState state =
          ClusterHostIT.Awaiting.until(
                  () ->
                      ClusterHostIT.start(
                          bus,
                          "proc-host",
                          ClusterHostIT.hello(
                              "p1", ClusterHostIT.HELLO.toString(), "p1.localhost")),
                  java.time.Duration.ofSeconds(60))
              .getWorkloadState();
      assertThat(state).isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);
      p.toHandle().destroy(); // SIGTERM
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      reader.join(5000);
      String text;
      synchronized (out) {
        text = out.toString();
      }
      assertThat(p.exitValue()).as(text).isZero();
      assertThat(text)
          .contains("host proc-host (proc-host) on " + nats.url())
          .contains("draining...")
          .contains("workload hello-p1 (p1) stopped")
          .endsWith("stopped\n");
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void helpListsTheFlagsAndExitsZero() throws Exception {
    assertThat(Files.isExecutable(ROOT.resolve("bin/host"))).isTrue();
    Process p =
        new ProcessBuilder(ROOT.resolve("bin/host").toString(), "cluster", "--help")
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out)
        .startsWith("Usage: host cluster ")
        .contains(
            "--scheduler-nats-url=URL",
            "--scheduler-nats-creds=FILE",
            "--scheduler-nats-ca, --scheduler-nats-tls-ca=FILE",
            "--scheduler-nats-cert, --scheduler-nats-tls-cert=FILE",
            "--scheduler-nats-key, --scheduler-nats-tls-key=FILE",
            "--data-nats-url=URL",
            "--data-nats-creds=FILE",
            "--data-nats-ca, --data-nats-tls-ca=FILE",
            "--data-nats-cert, --data-nats-tls-cert=FILE",
            "--data-nats-key, --data-nats-tls-key=FILE",
            "--host-group=NAME",
            "--environment=NAME",
            "--host-id=ID",
            "--host-name=NAME",
            "--friendly-name=NAME",
            "--label=KEY=VALUE",
            "--http-addr=HOST:PORT",
            "--plugins-dir=DIR",
            "--allow-host-loopback",
            "--max-concurrent-starts=N",
            "--drain-timeout=DURATION",
            "--heartbeat-interval=DURATION",
            "--metrics-addr=HOST:PORT");
  }
}
