package virga.plugins.it.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import virga.host.artifact.LocalArtifactResolver;
import virga.host.plugin.PluginRegistry;
import virga.host.workload.WorkloadHost;
import virga.plugins.messaging.InMemoryMessagingPlugin;
import virga.plugins.messaging.NatsMessagingPlugin;
import virga.plugins.messaging.broker.BrokerMessage;
import virga.protocol.manifest.ManifestText;
import virga.protocol.manifest.StandaloneManifest;
import virga.protocol.v2.WorkloadStartRequest;
import virga.protocol.v2.WorkloadState;
import virga.protocol.v2.WorkloadStatus;

/**
 * examples/message-echo on the in-process broker: a host with both messaging plugins and no data
 * NATS, the hostInterfaces entry named {@code wasmcloud-messaging-memory} to pick that plugin.
 */
class MessageEchoInMemoryIT {
  private static final Path EXAMPLE =
      Path.of("../../examples/message-echo").toAbsolutePath().normalize();

  private final InMemoryMessagingPlugin memory = new InMemoryMessagingPlugin();
  private final WorkloadHost host =
      WorkloadHost.builder()
          .artifacts(new LocalArtifactResolver(EXAMPLE))
          .plugins(new PluginRegistry().register(new NatsMessagingPlugin()).register(memory))
          .build();

  @AfterEach
  void close() {
    host.close();
  }

  private static WorkloadStartRequest manifest(boolean named) throws Exception {
    String text = Files.readString(EXAMPLE.resolve("workload.yaml"));
    if (named) {
      text =
          text.replace(
              "          interfaces: [handler]",
              "          name: wasmcloud-messaging-memory\n          interfaces: [handler]");
    }
    return StandaloneManifest.read(
            "workload.yaml", List.of(new ManifestText("workload.yaml", text)), List.of())
        .startRequests()
        .get(0);
  }

  @Test
  void aRequestThroughTheInProcessBrokerGetsTheEcho() throws Exception {
    WorkloadStatus s = host.start(manifest(true));
    assertThat(s.getWorkloadState())
        .as(s.getMessage())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);

    BrokerMessage reply =
        memory
            .broker()
            .request("echo.request", "hi".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));

    assertThat(reply.body()).isEqualTo("echo: hi".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anUnnamedEntryOnAHostWithoutDataNatsFailsTheStartWithWhatToDo() throws Exception {
    WorkloadStatus s = host.start(manifest(false));

    assertThat(s.getWorkloadState()).isEqualTo(WorkloadState.WORKLOAD_STATE_ERROR);
    assertThat(s.getMessage())
        .contains("plugin wasmcloud-messaging needs the host's data NATS connection")
        .contains("--data-nats-url")
        .contains("wasmcloud-messaging-memory");
    assertThat(memory.broker().subscriptionCount()).isZero();
  }
}
