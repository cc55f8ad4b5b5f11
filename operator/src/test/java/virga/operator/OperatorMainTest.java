package virga.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OperatorMainTest {
  private static OperatorMain parse(String... args) {
    OperatorMain main = new OperatorMain();
    new CommandLine(main).parseArgs(args);
    return main;
  }

  @Test
  void helpListsEveryWasmcloudFlag() {
    StringWriter out = new StringWriter();
    CommandLine cl = OperatorMain.commandLine();
    cl.setOut(new PrintWriter(out));
    assertThat(cl.execute("--help")).isZero();
    for (String flag :
        List.of(
            "--nats-url",
            "--nats-creds",
            "--nats-ca",
            "--nats-client-cert",
            "--nats-client-key",
            "--nats-tls-first",
            "--leader-elect",
            "--metrics-bind-address",
            "--health-probe-bind-address",
            "--json-log",
            "--cpu-backpressure-threshold",
            "--memory-backpressure-threshold",
            "--disable-artifact-controller",
            "--watch-namespaces",
            "--host-namespace",
            "--allow-shared-hosts")) {
      assertThat(out.toString()).contains(flag);
    }
  }

  @Test
  void reconcileThreadsAreConfigurable() {
    assertThat(parse("--host-namespace", "h").config().reconcileThreads())
        .isEqualTo(OperatorConfig.DEFAULT_RECONCILE_THREADS);
    assertThat(
            parse("--host-namespace", "h", "--reconcile-threads", "120")
                .config()
                .reconcileThreads())
        .isEqualTo(120);
    assertThatThrownBy(() -> parse("--host-namespace", "h", "--reconcile-threads", "0").config())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--reconcile-threads");
  }

  @Test
  void defaultsMatchWasmcloud() {
    OperatorConfig c = parse("--host-namespace", "wasmcloud").config();
    assertThat(c.nats().url()).isEqualTo("nats://127.0.0.1:4222");
    assertThat(c.metricsBindAddress()).isEqualTo(":8081");
    assertThat(c.healthProbeBindAddress()).isEqualTo(":8082");
    assertThat(c.cpuBackpressureThreshold()).isEqualTo(80);
    assertThat(c.memoryBackpressureThreshold()).isEqualTo(80);
    assertThat(c.allowSharedHosts()).isTrue();
    assertThat(c.artifactController()).isTrue();
    assertThat(c.leaderElect()).isFalse();
    assertThat(c.watchNamespaces()).isEmpty();
    assertThat(c.hostSettings().heartbeatTtl()).isEqualTo(Duration.ofSeconds(20));
    assertThat(c.hostSettings().interval()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void everyFlagReachesTheConfig() {
    OperatorConfig c =
        parse(
                "--nats-url=tls://n:4222",
                "--nats-creds=/c/op.creds",
                "--nats-ca=/c/ca.pem",
                "--nats-client-cert=/c/tls.crt",
                "--nats-client-key=/c/tls.key",
                "--nats-tls-first",
                "--leader-elect",
                "--metrics-bind-address=127.0.0.1:9000",
                "--health-probe-bind-address=0",
                "--cpu-backpressure-threshold=70",
                "--memory-backpressure-threshold=90",
                "--disable-artifact-controller",
                "--watch-namespaces=a,b",
                "--host-namespace=hosts",
                "--allow-shared-hosts=false",
                "--heartbeat-ttl=3s",
                "--host-reconcile-interval=500ms")
            .config();
    assertThat(c.nats().credsFile()).isEqualTo(Path.of("/c/op.creds"));
    assertThat(c.nats().caFile()).isEqualTo(Path.of("/c/ca.pem"));
    assertThat(c.nats().clientKeyFile()).isEqualTo(Path.of("/c/tls.key"));
    assertThat(c.nats().tlsFirst()).isTrue();
    assertThat(c.leaderElect()).isTrue();
    assertThat(HttpEndpoints.parse(c.metricsBindAddress()).getPort()).isEqualTo(9000);
    assertThat(HttpEndpoints.parse(c.healthProbeBindAddress())).isNull();
    assertThat(c.cpuBackpressureThreshold()).isEqualTo(70);
    assertThat(c.memoryBackpressureThreshold()).isEqualTo(90);
    assertThat(c.artifactController()).isFalse();
    assertThat(c.watchNamespaces()).containsExactlyInAnyOrder("a", "b");
    assertThat(c.hostNamespace()).isEqualTo("hosts");
    assertThat(c.allowSharedHosts()).isFalse();
    assertThat(c.hostSettings().heartbeatTtl()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.hostSettings().interval()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void badFlagsAreRefusedWithAReason() {
    assumeNoOperatorNamespace();
    assertThatThrownBy(() -> parse().config())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OPERATOR_NAMESPACE");
    assertThatThrownBy(
            () -> parse("--host-namespace=x", "--cpu-backpressure-threshold=120").config())
        .hasMessageContaining("percentages");
    assertThatThrownBy(() -> parse("--host-namespace=x", "--metrics-bind-address=nope").config())
        .hasMessageContaining("[host]:port");
    assertThatThrownBy(() -> parse("--heartbeat-ttl=soon"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("not a duration");
    assertThatThrownBy(() -> parse("--host-namespace=x", "--nats-client-cert=/c.pem").config())
        .hasMessageContaining("needs its key");
    StringWriter err = new StringWriter();
    CommandLine cl = OperatorMain.commandLine();
    cl.setErr(new PrintWriter(err));
    assertThat(cl.execute("--no-such-flag")).isEqualTo(2);
    assertThat(err.toString()).contains("--no-such-flag");
  }

  private static void assumeNoOperatorNamespace() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        System.getenv(OperatorMain.NAMESPACE_ENV) == null, "OPERATOR_NAMESPACE is set");
  }
}
