package virga.host.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import virga.host.artifact.LocalArtifactResolver;
import virga.host.service.RestartPolicy;
import virga.protocol.v2.WorkloadState;
import virga.protocol.v2.WorkloadStatus;

/** A service's crashes, restarts and exhausted budget as the workload's status shows them. */
class ServiceRestartIT {
  private final List<String> statuses = Collections.synchronizedList(new ArrayList<>());
  private final WorkloadHost host =
      WorkloadHost.builder()
          .artifacts(new LocalArtifactResolver(Manifests.GUESTS))
          .guestOutput(GuestOutput.DISCARD)
          .restartPolicy(
              new RestartPolicy(
                  0, Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMinutes(1)))
          .listener(
              new WorkloadListener() {
                @Override
                public void statusChanged(WorkloadStatus s) {
                  statuses.add(s.getWorkloadState().name() + ": " + s.getMessage());
                }
              })
          .build();

  @AfterEach
  void close() {
    host.close();
  }

  @Test
  void aServiceThatKeepsTrappingEndsTheWorkloadInErrorWithTheSupervisorsMessage() throws Exception {
    WorkloadStatus started =
        host.start(
            Manifests.start(
                "t",
                Manifests.workload("trapper").setService(Manifests.service("link-trap.wasm", 2))));
    assertThat(started.getWorkloadState()).isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);

    assertThat(
            Await.until(
                () -> host.status("t").getWorkloadState() == WorkloadState.WORKLOAD_STATE_ERROR,
                5000))
        .isTrue();
    String trap = "wasm trap: Trapped on unreachable instruction";
    assertThat(host.status("t").getMessage())
        .isEqualTo("service crashed 3 times; restart budget (2) exhausted: " + trap);
    String failed =
        "WORKLOAD_STATE_ERROR: service crashed 3 times; restart budget (2) exhausted: " + trap;
    // listeners hear of a change just after status() shows it
    assertThat(Await.until(() -> statuses.contains(failed), 5000)).isTrue();
    assertThat(statuses)
        .containsSubsequence(
            "WORKLOAD_STATE_STARTING: Workload is Starting",
            "WORKLOAD_STATE_RUNNING: Workload is Running",
            "WORKLOAD_STATE_RUNNING: service restarting (attempt 1 of 2) after: " + trap,
            "WORKLOAD_STATE_RUNNING: service restarting (attempt 2 of 2) after: " + trap,
            "WORKLOAD_STATE_ERROR: service crashed 3 times; restart budget (2) exhausted: " + trap);
    // however early the first crash comes: in order, and never the same status twice in a row
    assertThat(statuses.subList(0, 2))
        .containsExactly(
            "WORKLOAD_STATE_STARTING: Workload is Starting",
            "WORKLOAD_STATE_RUNNING: Workload is Running");
    for (int i = 1; i < statuses.size(); i++) {
      assertThat(statuses.get(i))
          .as("status %d of %s", i, statuses)
          .isNotEqualTo(statuses.get(i - 1));
    }
    assertThat(host.running("t")).isEmpty();

    assertThat(host.stop("t").getMessage()).isEqualTo("Workload stopped successfully");
    assertThat(host.status("t").getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_NOT_FOUND);
  }
}
