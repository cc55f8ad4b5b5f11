package virga.host.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import virga.component.values.Value;
import virga.host.artifact.LocalArtifactResolver;
import virga.host.testing.GatedResolver;
import virga.protocol.v2.Component;
import virga.protocol.v2.WorkloadState;
import virga.protocol.v2.WorkloadStatus;
import virga.wasi.http.HttpServer;
import virga.wasi.http.HttpServerConfig;

/** The host's state machine with real components: duplicates, stops while starting, concurrency. */
class WorkloadLifecycleIT {
  private final GatedResolver resolver =
      new GatedResolver(new LocalArtifactResolver(Manifests.GUESTS), Duration.ofSeconds(30));
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final WorkloadHost host =
      WorkloadHost.builder()
          .artifacts(resolver)
          .meterRegistry(meters)
          .guestOutput(GuestOutput.DISCARD)
          .build();

  @AfterEach
  void close() {
    resolver.open();
    host.close();
  }

  private static virga.protocol.v2.WorkloadStartRequest pair(String id, String greeterImage) {
    return Manifests.start(
        id,
        Manifests.workload(
            "pair-" + id,
            Manifests.component("greeter", greeterImage),
            Manifests.component("caller", "link-caller.wasm")));
  }

  @Test
  void aSecondStartWithTheSameIdIsRefusedAndTheFirstKeepsRunning() {
    assertThat(host.start(pair("w1", "link-greeter.wasm")).getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);

    WorkloadStatus again = host.start(pair("w1", "link-greeter.wasm"));

    assertThat(again.getWorkloadState()).isEqualTo(WorkloadState.WORKLOAD_STATE_ERROR);
    assertThat(again.getMessage())
        .isEqualTo(
            "Workload ID [w1] already exists (the existing workload must be stopped to reuse the"
                + " ID)");
    assertThat(host.status("w1").getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);
    assertThat(
            host.running("w1")
                .orElseThrow()
                .call("caller", "example:link/caller@0.1.0#call", Value.string("x")))
        .isEqualTo(Value.string("hello, x"));
  }

  @Test
  void aStopWhileStartingLetsTheStartFinishAsStoppingAndTearsItDown() throws Exception {
    CompletableFuture<WorkloadStatus> start =
        CompletableFuture.supplyAsync(() -> host.start(pair("w2", "gated/link-greeter.wasm")));
    assertThat(resolver.entered.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(host.status("w2").getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_STARTING);

    WorkloadStatus stop = host.stop("w2");

    assertThat(stop.getWorkloadState()).isEqualTo(WorkloadState.WORKLOAD_STATE_STOPPING);
    assertThat(stop.getMessage()).isEqualTo("Workload stopped successfully");
    assertThat(host.status("w2").getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_STOPPING);
    resolver.open();
    WorkloadStatus started = start.get(10, TimeUnit.SECONDS);
    assertThat(started.getWorkloadState()).isEqualTo(WorkloadState.WORKLOAD_STATE_STOPPING);
    assertThat(started.getMessage()).isEqualTo("Workload was stopped while starting");
    assertThat(host.status("w2").getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_NOT_FOUND);
    assertThat(host.running("w2")).isEmpty();
  }

  @Test
  void startsOfDifferentWorkloadsRunConcurrently() throws Exception {
    CompletableFuture<WorkloadStatus> slow =
        CompletableFuture.supplyAsync(() -> host.start(pair("slow", "gated/link-greeter.wasm")));
    assertThat(resolver.entered.await(10, TimeUnit.SECONDS)).isTrue();

    // the slow start holds no host-wide lock: another start, status and stop all go through
    assertThat(host.start(pair("fast", "link-greeter.wasm")).getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);
    assertThat(host.status("slow").getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_STARTING);
    assertThat(host.stop("fast").getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_STOPPING);
    assertThat(slow.isDone()).isFalse();

    resolver.open();
    assertThat(slow.get(10, TimeUnit.SECONDS).getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);
  }

  @Test
  void manyConcurrentStartsOfOneComponentCompileItOnce() throws Exception {
    List<CompletableFuture<WorkloadStatus>> starts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String id = "c" + i;
      starts.add(CompletableFuture.supplyAsync(() -> host.start(pair(id, "link-greeter.wasm"))));
    }
    for (CompletableFuture<WorkloadStatus> f : starts) {
      assertThat(f.get(30, TimeUnit.SECONDS).getWorkloadState())
          .isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);
    }
    assertThat(host.cache().size()).isEqualTo(2); // link-greeter and link-caller
    assertThat(meters.counter("virga.component.cache", "result", "miss").count()).isEqualTo(2.0);
    assertThat(meters.counter("virga.component.cache", "result", "hit").count()).isEqualTo(14.0);
    assertThat(meters.get("virga.workloads").tag("state", "running").gauge().value())
        .isEqualTo(8.0);
    assertThat(meters.counter("virga.workload.starts").count()).isEqualTo(8.0);
    assertThat(meters.timer("virga.workload.start.latency").count()).isEqualTo(8);
  }

  @Test
  void anHttpComponentServesThroughItsPool() throws Exception {
    Component hello =
        Manifests.component("hello", "wasi-http-hello.wasm").toBuilder().setPoolSize(2).build();
    var w = Manifests.workload("web", hello);
    w.getWitWorldBuilder().addHostInterfaces(Manifests.httpInterface("hello.localhost"));
    assertThat(host.start(Manifests.start("h", w)).getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);
    RunningWorkload running = host.running("h").orElseThrow();
    HttpEndpoint endpoint = running.http().orElseThrow();
    assertThat(endpoint.itemName()).isEqualTo("hello");
    assertThat(endpoint.config()).containsEntry("host", "hello.localhost");
    // the start made the first instance, which proved the component links, and kept it warm
    assertThat(meters.get("virga.pool.warm").tag("workload", "h").gauge().value()).isEqualTo(1.0);

    try (HttpServer server =
        HttpServer.start(
            endpoint.handler(), new InetSocketAddress("127.0.0.1", 0), HttpServerConfig.DEFAULT)) {
      HttpClient client = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + "/");
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> r =
            client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("Hello from Virga!\n");
      }
    }
    // sequential requests reuse one warm instance; none was made for a single call
    assertThat(meters.get("virga.pool.warm").tag("workload", "h").gauge().value()).isEqualTo(1.0);
    assertThat(meters.counter("virga.pool.oneshot", "workload", "h", "component", "hello").count())
        .isEqualTo(0.0);
  }
}
