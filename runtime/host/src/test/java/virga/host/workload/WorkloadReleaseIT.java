package virga.host.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import virga.host.artifact.LocalArtifactResolver;
import virga.host.net.LoopbackAllocator;
import virga.host.plugin.PluginRegistry;
import virga.protocol.v2.EmptyDirVolume;
import virga.protocol.v2.LocalResources;
import virga.protocol.v2.Service;
import virga.protocol.v2.Volume;
import virga.protocol.v2.VolumeMount;
import virga.protocol.v2.Workload;
import virga.protocol.v2.WorkloadState;

/**
 * Stopping a workload releases everything it held: its service's thread, its listening socket and
 * other file descriptors, its emptyDir, its loopback address, its plugin bindings.
 */
class WorkloadReleaseIT {
  @TempDir Path temp;
  private final LoopbackAllocator loopbacks = new LoopbackAllocator();
  private final DraftConfigPlugin config = new DraftConfigPlugin();
  private final CapturedOutput out = new CapturedOutput();
  private WorkloadHost host;

  @AfterEach
  void close() {
    if (host != null) {
      host.close();
    }
  }

  private Workload.Builder listener(String name, int port) {
    Workload.Builder w = ServiceWorkloadIT.echo(name, port, "x", false);
    w.addVolumes(
        Volume.newBuilder().setName("scratch").setEmptyDir(EmptyDirVolume.getDefaultInstance()));
    w.setService(
        Service.newBuilder()
            .setImage("tcp-echo.wasm")
            .setLocalResources(
                LocalResources.newBuilder()
                    .putAllConfig(Map.of("mode", "serve", "port", "" + port, "count", "1000"))
                    .addVolumeMounts(
                        VolumeMount.newBuilder().setName("scratch").setMountPath("/scratch"))));
    return w;
  }

  /** Threads the host and its workloads start (shared, lazily started JVM-wide ones excluded). */
  private static List<String> hostThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("service-") || n.startsWith("virga-"))
        .filter(n -> !n.equals("virga-wasi-sockets-selector") && !n.equals("virga-wasm-deadline"))
        .sorted()
        .toList();
  }

  private static long openFiles() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  private long volumes() throws IOException {
    try (Stream<Path> dirs = Files.list(temp)) {
      return dirs.count();
    }
  }

  private void startListening(String id, int port) throws InterruptedException {
    assertThat(host.start(Manifests.start(id, listener("w-" + id, port))).getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);
    assertThat(out.await("w-" + id, "service", "listening on 127.0.0.1:" + port, 5000)).isTrue();
  }

  @Test
  void stopReleasesThreadsFilesVolumesAddressesAndBindings() throws Exception {
    host =
        WorkloadHost.builder()
            .artifacts(new LocalArtifactResolver(Manifests.GUESTS))
            .plugins(new PluginRegistry().register(config))
            .guestOutput(out)
            .tempRoot(temp)
            .loopbacks(loopbacks)
            .build();
    int port = ServiceWorkloadIT.freePort();
    // one cycle first, so that what the JVM starts once (selector, class loading) is in the
    // baseline
    startListening("warmup", port);
    host.stop("warmup");
    List<String> threads = hostThreads();
    long files = openFiles();

    for (String id : List.of("a", "b", "c")) {
      startListening(id, port);
    }
    assertThat(hostThreads()).contains("service-a", "service-b", "service-c");
    assertThat(volumes()).isEqualTo(3);
    assertThat(loopbacks.inUse()).isEqualTo(3);
    assertThat(openFiles()).isGreaterThanOrEqualTo(files + 3); // a listening socket each

    for (String id : List.of("a", "b", "c")) {
      assertThat(host.stop(id).getMessage()).isEqualTo("Workload stopped successfully");
    }

    // no thread is left that was not there before (threads of earlier tests may end meanwhile)
    assertThat(Await.until(() -> threads.containsAll(hostThreads()), 5000))
        .as("host threads after stop: %s, before: %s", hostThreads(), threads)
        .isTrue();
    assertThat(volumes()).isZero();
    assertThat(loopbacks.inUse()).isZero();
    assertThat(Await.until(() -> uncheckedOpenFiles() <= files, 5000))
        .as("open files after stop: %s, before: %s", uncheckedOpenFiles(), files)
        .isTrue();
    assertThat(config.events)
        .contains("unbind a", "unbind b", "unbind c")
        .filteredOn(e -> e.startsWith("unbind "))
        .hasSize(2 * 4); // client and service of warmup, a, b, c
    assertThat(host.statuses()).isEmpty();
  }

  private static long uncheckedOpenFiles() {
    try {
      return openFiles();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
