package virga.host.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import virga.component.TrapException;
import virga.component.values.Value;
import virga.host.artifact.LocalArtifactResolver;
import virga.protocol.v2.WorkloadState;
import virga.protocol.v2.WorkloadStatus;

/** The workload lifecycle with real components from guests/wasm. */
class WorkloadHostIT {
  private final WorkloadHost host =
      WorkloadHost.builder()
          .artifacts(new LocalArtifactResolver(Manifests.GUESTS))
          .guestOutput(GuestOutput.DISCARD)
          .build();

  @AfterEach
  void close() {
    host.close();
  }

  @Test
  void startStatusStop() {
    WorkloadStatus started =
        host.start(
            Manifests.start(
                "w1",
                Manifests.workload(
                    "pair",
                    Manifests.component("greeter", "link-greeter.wasm"),
                    Manifests.component("caller", "link-caller.wasm"))));
    assertThat(started.getWorkloadState()).isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);
    assertThat(started.getMessage()).isEqualTo("Workload started successfully");
    assertThat(host.status("w1").getMessage()).isEqualTo("Workload is Running");

    RunningWorkload w = host.running("w1").orElseThrow();
    Value v = w.call("caller", "example:link/caller@0.1.0#call", Value.string("linked"));
    assertThat(v).isEqualTo(Value.string("hello, linked"));

    WorkloadStatus stopped = host.stop("w1");
    assertThat(stopped.getWorkloadState()).isEqualTo(WorkloadState.WORKLOAD_STATE_STOPPING);
    assertThat(stopped.getMessage()).isEqualTo("Workload stopped successfully");
    assertThat(host.status("w1").getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_NOT_FOUND);
    assertThat(host.status("w1").getMessage()).isEqualTo("Workload not found: w1");
  }

  @Test
  void theMemoryLimitBoundsAnInstanceAndATrapRetiresIt() {
    var greeter =
        Manifests.component(
                "greeter",
                "link-greeter.wasm",
                virga.protocol.v2.LocalResources.newBuilder().setMemoryLimitMb(1).build())
            .toBuilder()
            .setPoolSize(1)
            .build();
    host.start(Manifests.start("m", Manifests.workload("limited", greeter)));
    RunningWorkload w = host.running("m").orElseThrow();
    String greet = "example:link/greeter@0.1.0#greet";
    String count = "example:link/greeter@0.1.0#count";

    assertThat(w.call("greeter", greet, Value.string("a"))).isEqualTo(Value.string("hello, a"));
    assertThat(w.call("greeter", count)).isEqualTo(Value.u32(1));
    // 2 MiB do not fit in 1 MiB of linear memory: memory.grow fails and the guest traps
    String big = "x".repeat(2 * 1024 * 1024);
    assertThatThrownBy(() -> w.call("greeter", greet, Value.string(big)))
        .isInstanceOf(TrapException.class);
    // the trapped instance was retired: a fresh one answers, with its own count
    assertThat(w.call("greeter", count)).isEqualTo(Value.u32(0));
  }

  @Test
  void withoutAMemoryLimitTheSameCallSucceeds() {
    host.start(
        Manifests.start(
            "n",
            Manifests.workload("unlimited", Manifests.component("greeter", "link-greeter.wasm"))));
    String big = "x".repeat(2 * 1024 * 1024);
    Value v =
        host.running("n")
            .orElseThrow()
            .call("greeter", "example:link/greeter@0.1.0#greet", Value.string(big));
    assertThat(((Value.Str) v).value()).hasSize(big.length() + 7);
  }

  @Test
  void anUnknownItemIsNamed() {
    host.start(
        Manifests.start(
            "u", Manifests.workload("one", Manifests.component("greeter", "link-greeter.wasm"))));
    assertThatThrownBy(() -> host.running("u").orElseThrow().call("nope", "f"))
        .isInstanceOf(WorkloadException.class)
        .hasMessage("workload 'one' has no item 'nope' (items: greeter)");
  }

  @Test
  void aServiceCallsAComponentThroughIntraWorkloadLinkingAndCompletes() throws Exception {
    var w =
        Manifests.workload("svc", Manifests.component("greeter", "link-greeter.wasm"))
            .setService(Manifests.service("link-service.wasm", 0));
    assertThat(host.start(Manifests.start("s", w)).getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);
    // run() returns ok only when greet("svc") came back as "hello, svc"
    assertThat(
            Await.until(
                () -> host.status("s").getWorkloadState() == WorkloadState.WORKLOAD_STATE_COMPLETED,
                5000))
        .isTrue();
    assertThat(host.status("s").getMessage())
        .isEqualTo("Workload is Completed: service exited successfully");
    // a completed workload keeps its components until it is stopped
    assertThat(host.running("s").orElseThrow().call("greeter", "example:link/greeter@0.1.0#count"))
        .isEqualTo(Value.u32(0));
    assertThat(host.stop("s").getMessage()).isEqualTo("Workload stopped successfully");
  }
}
