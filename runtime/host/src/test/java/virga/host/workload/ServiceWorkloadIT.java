package virga.host.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import virga.component.values.Value;
import virga.host.artifact.LocalArtifactResolver;
import virga.host.plugin.PluginRegistry;
import virga.protocol.v2.Component;
import virga.protocol.v2.LocalResources;
import virga.protocol.v2.Service;
import virga.protocol.v2.WitInterface;
import virga.protocol.v2.Workload;
import virga.protocol.v2.WorkloadState;

/**
 * Services and components on each workload's virtual loopback, with tcp-echo (wasi:sockets) and a
 * test plugin serving its wasi:config.
 */
class ServiceWorkloadIT {
  private static final String RUN = "wasi:cli/run@0.2.0#run";

  private final CapturedOutput out = new CapturedOutput();
  private final DraftConfigPlugin config = new DraftConfigPlugin();
  private final WorkloadHost host =
      WorkloadHost.builder()
          .artifacts(new LocalArtifactResolver(Manifests.GUESTS))
          .plugins(new PluginRegistry().register(config))
          .guestOutput(out)
          .build();

  @AfterEach
  void close() {
    host.close();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  static LocalResources config(Map<String, String> values) {
    return LocalResources.newBuilder().putAllConfig(values).build();
  }

  static Workload.Builder echo(String name, int port, String message, boolean withService) {
    Workload.Builder w =
        Manifests.workload(
            name,
            Component.newBuilder()
                .setName("client")
                .setImage("tcp-echo.wasm")
                .setLocalResources(
                    config(Map.of("mode", "connect", "port", "" + port, "message", message)))
                .build());
    w.getWitWorldBuilder()
        .addHostInterfaces(
            WitInterface.newBuilder()
                .setNamespace("wasi")
                .setPackage("config")
                .addInterfaces("store")
                .setVersion("0.2.0-draft"));
    if (withService) {
      w.setService(
          Service.newBuilder()
              .setImage("tcp-echo.wasm")
              .setLocalResources(config(Map.of("mode", "serve", "port", "" + port, "count", "1"))));
    }
    return w;
  }

  @Test
  void twoWorkloadsListenOnTheSamePortAndEachComponentReachesItsOwnService() throws Exception {
    int port = freePort();
    assertThat(host.start(Manifests.start("a", echo("wa", port, "from-a", true))).getMessage())
        .isEqualTo("Workload started successfully");
    assertThat(host.start(Manifests.start("b", echo("wb", port, "from-b", true))).getMessage())
        .isEqualTo("Workload started successfully");
    assertThat(out.await("wa", "service", "listening on 127.0.0.1:" + port, 5000)).isTrue();
    assertThat(out.await("wb", "service", "listening on 127.0.0.1:" + port, 5000)).isTrue();

    Value a = host.running("a").orElseThrow().call("client", RUN);
    Value b = host.running("b").orElseThrow().call("client", RUN);

    assertThat(a).isEqualTo(Value.ok());
    assertThat(b).isEqualTo(Value.ok());
    assertThat(out.text("wa", "client"))
        .isEqualTo("connected to 127.0.0.1:" + port + "\nreply 12 bytes: echo: from-a\n");
    assertThat(out.text("wb", "client"))
        .isEqualTo("connected to 127.0.0.1:" + port + "\nreply 12 bytes: echo: from-b\n");
    assertThat(out.await("wa", "service", "done", 5000)).isTrue();
    assertThat(out.text("wa", "service"))
        .isEqualTo("listening on 127.0.0.1:" + port + "\nreceived 6 bytes: from-a\ndone\n");
    // the service served its one connection and exited 0: the workload is COMPLETED
    assertThat(
            Await.until(
                () -> host.status("a").getWorkloadState() == WorkloadState.WORKLOAD_STATE_COMPLETED,
                5000))
        .isTrue();
    assertThat(host.status("a").getMessage())
        .isEqualTo("Workload is Completed: service exited successfully");
  }

  @Test
  void aComponentConnectNeverReachesAnotherWorkloadsService() throws Exception {
    int port = freePort();
    host.start(Manifests.start("a", echo("wa", port, "from-a", true)));
    assertThat(out.await("wa", "service", "listening on 127.0.0.1:" + port, 5000)).isTrue();
    host.start(Manifests.start("c", echo("wc", port, "from-c", false)));

    Value c = host.running("c").orElseThrow().call("client", RUN);

    assertThat(c).isEqualTo(Value.err());
    assertThat(out.text("wc", "client")).isEqualTo("start-connect failed 1\n"); // access-denied
    assertThat(out.text("wa", "service")).isEqualTo("listening on 127.0.0.1:" + port + "\n");
  }

  @Test
  void aComponentMayNotListen() throws Exception {
    int port = freePort();
    Workload.Builder w =
        Manifests.workload(
            "listener",
            Component.newBuilder()
                .setName("server")
                .setImage("tcp-echo.wasm")
                .setLocalResources(config(Map.of("mode", "serve", "port", "" + port)))
                .build());
    w.getWitWorldBuilder()
        .addHostInterfaces(echo("x", 1, "", false).getWitWorld().getHostInterfaces(0));
    host.start(Manifests.start("l", w));

    Value r = host.running("l").orElseThrow().call("server", RUN);

    assertThat(r).isEqualTo(Value.err());
    assertThat(out.text("listener", "server")).isEqualTo("start-bind failed 1\n"); // access-denied
  }

  @Test
  void theServiceSeesItsEnvironment() throws Exception {
    Workload.Builder w =
        Manifests.workload("env")
            .setService(
                Service.newBuilder()
                    .setImage("wasi-command.wasm")
                    .setLocalResources(
                        LocalResources.newBuilder().putEnvironment("GREETING", "hello-env")));
    host.start(Manifests.start("e", w));
    assertThat(out.await("env", "service", "exiting with 0", 10000)).isTrue();
    assertThat(out.text("env", "service")).contains("GREETING=hello-env\n", "to stderr\n");
    assertThat(
            Await.until(
                () -> host.status("e").getWorkloadState() == WorkloadState.WORKLOAD_STATE_COMPLETED,
                5000))
        .isTrue();
  }
}
