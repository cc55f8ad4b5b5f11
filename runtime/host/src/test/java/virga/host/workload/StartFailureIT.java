package virga.host.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import virga.component.Engine;
import virga.component.MalformedComponentException;
import virga.host.artifact.LocalArtifactResolver;
import virga.host.net.LoopbackAllocator;
import virga.protocol.v2.EmptyDirVolume;
import virga.protocol.v2.HostPathVolume;
import virga.protocol.v2.LocalResources;
import virga.protocol.v2.Volume;
import virga.protocol.v2.VolumeMount;
import virga.protocol.v2.Workload;
import virga.protocol.v2.WorkloadState;
import virga.protocol.v2.WorkloadStatus;

/**
 * A start that fails at any step is recorded as ERROR with the reason, under its id, and leaves
 * nothing behind (every workload here also declares an emptyDir volume).
 */
class StartFailureIT {
  @TempDir Path temp;
  private final LoopbackAllocator loopbacks = new LoopbackAllocator();
  private WorkloadHost host;

  private WorkloadHost host() {
    if (host == null) {
      host =
          WorkloadHost.builder()
              .artifacts(new LocalArtifactResolver(Manifests.GUESTS))
              .guestOutput(GuestOutput.DISCARD)
              .tempRoot(temp)
              .loopbacks(loopbacks)
              .build();
    }
    return host;
  }

  @AfterEach
  void close() {
    if (host != null) {
      host.close();
    }
  }

  /**
   * Starts {@code w} (plus a scratch emptyDir), expects ERROR with {@code message}, checks cleanup.
   */
  private void failsWith(Workload.Builder w, String message) throws IOException {
    w.addVolumes(
        Volume.newBuilder().setName("scratch").setEmptyDir(EmptyDirVolume.getDefaultInstance()));
    WorkloadStatus s = host().start(Manifests.start("f1", w));
    assertThat(s.getWorkloadState()).isEqualTo(WorkloadState.WORKLOAD_STATE_ERROR);
    assertThat(s.getMessage()).isEqualTo(message);
    assertThat(s.getWorkloadId()).isEqualTo("f1");
    assertThat(host().status("f1")).isEqualTo(s);
    try (Stream<Path> left = Files.list(temp)) {
      assertThat(left.filter(p -> p.getFileName().toString().startsWith("virga-volume-")))
          .isEmpty();
    }
    assertThat(loopbacks.inUse()).isZero();
    assertThat(host().running("f1")).isEmpty();
    WorkloadStatus stopped = host().stop("f1");
    assertThat(stopped.getWorkloadState()).isEqualTo(WorkloadState.WORKLOAD_STATE_STOPPING);
    assertThat(host().status("f1").getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_NOT_FOUND);
  }

  @Test
  void missingHostPath() throws IOException {
    Path missing = temp.resolve("no-such-dir");
    failsWith(
        Manifests.workload("w", Manifests.component("greeter", "link-greeter.wasm"))
            .addVolumes(
                Volume.newBuilder()
                    .setName("data")
                    .setHostPath(HostPathVolume.newBuilder().setLocalPath(missing.toString()))),
        "volume 'data': hostPath '"
            + missing
            + "' does not exist on this host (create the directory first)");
  }

  @Test
  void hostPathThatIsAFile() throws IOException {
    Path file = Files.writeString(temp.resolve("file.txt"), "x");
    failsWith(
        Manifests.workload("w", Manifests.component("greeter", "link-greeter.wasm"))
            .addVolumes(
                Volume.newBuilder()
                    .setName("data")
                    .setHostPath(HostPathVolume.newBuilder().setLocalPath(file.toString()))),
        "volume 'data': hostPath '" + file + "' is not a directory");
  }

  @Test
  void mountOfAnUndeclaredVolume() throws IOException {
    failsWith(
        Manifests.workload(
            "w",
            Manifests.component(
                "greeter",
                "link-greeter.wasm",
                LocalResources.newBuilder()
                    .addVolumeMounts(
                        VolumeMount.newBuilder().setName("cache").setMountPath("/cache"))
                    .build())),
        "component 'greeter' mounts volume 'cache', which the workload does not declare (volumes:"
            + " scratch)");
  }

  @Test
  void missingImageFile() throws IOException {
    failsWith(
        Manifests.workload("w", Manifests.component("gone", "gone.wasm")),
        "failed to pull image for component 'gone': image 'gone.wasm': no such file "
            + Manifests.GUESTS.resolve("gone.wasm")
            + " (a path is read relative to "
            + Manifests.GUESTS
            + ")");
  }

  @Test
  void badWasmBytes() throws IOException {
    byte[] bytes = "not a component".getBytes(StandardCharsets.UTF_8);
    Path bad = Files.write(temp.resolve("bad.wasm"), bytes);
    String engineSays;
    try {
      Engine.create().compile(bytes);
      throw new AssertionError("compiled garbage");
    } catch (MalformedComponentException e) {
      engineSays = e.getMessage();
    }
    failsWith(
        Manifests.workload("w", Manifests.component("bad", bad.toString())),
        "component 'bad': image '" + bad + "' is not a valid WebAssembly component: " + engineSays);
  }

  @Test
  void importThatNothingProvides() throws IOException {
    failsWith(
        Manifests.workload("w", Manifests.component("caller", "link-caller.wasm")),
        "component 'caller' cannot be instantiated: import `example:link/greeter@0.1.0` has no"
            + " definition in the linker (no WASI package, no plugin and no other component of"
            + " the workload provides it: declare the interface under hostInterfaces for a plugin"
            + " that serves it, or add a component that exports it)");
  }

  @Test
  void hostInterfaceThatNoPluginServes() throws IOException {
    Workload.Builder w = Manifests.workload("w", Manifests.component("caller", "link-caller.wasm"));
    w.getWitWorldBuilder()
        .addHostInterfaces(
            virga.protocol.v2.WitInterface.newBuilder()
                .setNamespace("example")
                .setPackage("link")
                .addInterfaces("greeter")
                .setVersion("0.1.0"));
    failsWith(
        w,
        "component 'caller' of workload 'w' requests example:link/greeter@0.1.0, which no plugin"
            + " on this host serves (plugins: none)");
  }

  @Test
  void twoComponentsExportTheImportedInterface() throws IOException {
    failsWith(
        Manifests.workload(
            "w",
            Manifests.component("g1", "link-greeter.wasm"),
            Manifests.component("g2", "link-greeter.wasm"),
            Manifests.component("caller", "link-caller.wasm")),
        "component 'caller' imports example:link/greeter@0.1.0, which both component 'g1' and"
            + " component 'g2' export: intra-workload linking needs exactly one exporter (rename or"
            + " remove one of them)");
  }

  @Test
  void serviceWithoutRunOrOneInterface() throws IOException {
    failsWith(
        Manifests.workload("w").setService(Manifests.service("reverse.wasm", 0)),
        "service must export wasi:cli/run or exactly one interface; it exports: reverse");
  }

  @Test
  void duplicateComponentNames() throws IOException {
    failsWith(
        Manifests.workload(
            "w",
            Manifests.component("g", "link-greeter.wasm"),
            Manifests.component("g", "link-greeter.wasm")),
        "two components are named 'g': component names must be unique in a workload");
  }

  @Test
  void startWithoutWorkloadIdIsRefusedAndNotRecorded() {
    WorkloadStatus s =
        host()
            .start(
                virga.protocol.v2.WorkloadStartRequest.newBuilder()
                    .setWorkload(Manifests.workload("w"))
                    .build());
    assertThat(s.getWorkloadState()).isEqualTo(WorkloadState.WORKLOAD_STATE_ERROR);
    assertThat(s.getMessage()).isEqualTo("the start request has no workload_id");
    assertThat(host().statuses()).isEmpty();
  }
}
