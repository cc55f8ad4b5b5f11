package virga.host.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import virga.host.artifact.LocalArtifactResolver;
import virga.host.service.RestartPolicy;
import virga.protocol.v2.Component;
import virga.protocol.v2.LocalResources;
import virga.protocol.v2.Service;
import virga.protocol.v2.Workload;
import virga.protocol.v2.WorkloadState;

/**
 * examples/cron-service through the host core: the service calls the component's {@code invoke}
 * through intra-workload linking, a fresh component instance per call; the crashy variant is
 * restarted in fresh instances until its budget is spent.
 */
class CronExampleIT {
  private static final Path EXAMPLE = Path.of("../../examples/cron-service").toAbsolutePath();

  private final CapturedOutput out = new CapturedOutput();
  private final WorkloadHost host =
      WorkloadHost.builder()
          .artifacts(new LocalArtifactResolver(EXAMPLE))
          .guestOutput(out)
          .restartPolicy(
              new RestartPolicy(
                  0, Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMinutes(1)))
          .build();

  @AfterEach
  void close() {
    host.close();
  }

  private static Workload.Builder cron(Map<String, String> env, long maxRestarts) {
    return Manifests.workload(
            "cron",
            Component.newBuilder()
                .setName("cron-component")
                .setImage("./cron-component.wasm")
                .setPoolSize(0)
                .setMaxInvocations(1)
                .setMaxConcurrency(1)
                .build())
        .setService(
            Service.newBuilder()
                .setImage("./cron-service.wasm")
                .setMaxRestarts(maxRestarts)
                .setLocalResources(LocalResources.newBuilder().putAllEnvironment(env)));
  }

  @Test
  void theServiceInvokesTheComponentOnEveryTick() throws Exception {
    host.start(Manifests.start("cron", cron(Map.of("INTERVAL_MS", "20", "TICKS", "3"), 0)));

    assertThat(
            Await.until(
                () ->
                    host.status("cron").getWorkloadState()
                        == WorkloadState.WORKLOAD_STATE_COMPLETED,
                10000))
        .isTrue();
    assertThat(out.text("cron", "service"))
        .isEqualTo(
            "Starting cron-service with 20 ms intervals...\n"
                + "tick 1: invoke -> ok\n"
                + "tick 2: invoke -> ok\n"
                + "tick 3: invoke -> ok\n"
                + "cron-service done after 3 ticks\n");
    assertThat(out.text("cron", "cron-component"))
        .isEqualTo("Hello from the cron-component!\n".repeat(3));
  }

  @Test
  void theCrashyVariantIsRestartedUntilItsBudgetIsSpent() throws Exception {
    host.start(Manifests.start("crashy", cron(Map.of("INTERVAL_MS", "20", "CRASH_AFTER", "3"), 1)));

    assertThat(
            Await.until(
                () ->
                    host.status("crashy").getWorkloadState() == WorkloadState.WORKLOAD_STATE_ERROR,
                10000))
        .isTrue();
    assertThat(host.status("crashy").getMessage())
        .startsWith("service crashed 2 times; restart budget (1) exhausted: wasm trap: ");
    String once =
        "Starting cron-service with 20 ms intervals...\n"
            + "tick 1: invoke -> ok\n"
            + "tick 2: invoke -> ok\n"
            + "tick 3: crashing on purpose (CRASH_AFTER=3)\n";
    assertThat(out.text("cron", "service"))
        .isEqualTo(once + once); // a fresh instance: ticks restart at 1
  }
}
