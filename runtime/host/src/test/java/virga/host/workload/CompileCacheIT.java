package virga.host.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import virga.component.values.Value;
import virga.host.artifact.LocalArtifactResolver;
import virga.protocol.v2.WorkloadState;

/** A restarted host on the same compile cache loads its components' code instead of compiling. */
class CompileCacheIT {
  private static WorkloadHost host(Path cacheDir, MeterRegistry meters) {
    return WorkloadHost.builder()
        .artifacts(new LocalArtifactResolver(Manifests.GUESTS))
        .guestOutput(GuestOutput.DISCARD)
        .compileCacheDir(cacheDir)
        .meterRegistry(meters)
        .build();
  }

  /** Starts the greeter and its caller and checks one linked call. */
  private static void startPair(WorkloadHost host) {
    var status =
        host.start(
            Manifests.start(
                "w1",
                Manifests.workload(
                    "pair",
                    Manifests.component("greeter", "link-greeter.wasm"),
                    Manifests.component("caller", "link-caller.wasm"))));
    assertThat(status.getWorkloadState()).isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);
    Value v =
        host.running("w1")
            .orElseThrow()
            .call("caller", "example:link/caller@0.1.0#call", Value.string("again"));
    assertThat(v).isEqualTo(Value.string("hello, again"));
  }

  private static double count(MeterRegistry meters, String name) {
    return meters.get(name).functionCounter().count();
  }

  private static long files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(f -> f.toString().endsWith(".cjar")).count();
    }
  }

  @Test
  void aRestartedHostLoadsTheCompiledCodeFromDisk(@TempDir Path dir) throws IOException {
    MeterRegistry first = new SimpleMeterRegistry();
    try (WorkloadHost h = host(dir, first)) {
      startPair(h);
    }
    double modules = count(first, "virga.component.compilations");
    assertThat(modules).isPositive();
    assertThat(count(first, "virga.component.compile.cache.hits")).isZero();
    assertThat(files(dir)).isEqualTo((long) modules);
    assertThat(first.get("virga.component.compile").timer().count()).isEqualTo(2);

    MeterRegistry second = new SimpleMeterRegistry();
    try (WorkloadHost h = host(dir, second)) {
      startPair(h);
    }
    assertThat(count(second, "virga.component.compilations")).isZero();
    assertThat(count(second, "virga.component.compile.cache.hits")).isEqualTo(modules);
    assertThat(second.get("virga.component.compile").timer().count()).isEqualTo(2);
  }

  @Test
  void withoutACacheDirectoryARestartedHostCompilesAgain() {
    for (int run = 0; run < 2; run++) {
      MeterRegistry meters = new SimpleMeterRegistry();
      try (WorkloadHost h = host(null, meters)) {
        startPair(h);
      }
      assertThat(count(meters, "virga.component.compilations")).isPositive();
      assertThat(count(meters, "virga.component.compile.cache.hits")).isZero();
    }
  }
}
