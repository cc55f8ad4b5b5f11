package virga.plugins.it.keyvalue;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import virga.host.artifact.LocalArtifactResolver;
import virga.host.plugin.PluginRegistry;
import virga.host.workload.WorkloadHost;
import virga.plugin.HostPlugin;
import virga.plugins.keyvalue.WasiKeyValuePlugin;
import virga.protocol.v2.Component;
import virga.protocol.v2.WitInterface;
import virga.protocol.v2.WitWorld;
import virga.protocol.v2.Workload;
import virga.protocol.v2.WorkloadStartRequest;
import virga.protocol.v2.WorkloadState;
import virga.wasi.http.HttpServer;
import virga.wasi.http.HttpServerConfig;

/**
 * A real host running the kv-counter example (examples/kv-counter) with a keyvalue plugin, reached
 * over real HTTP; subclasses pick the plugin and its backend.
 */
@Timeout(180)
abstract class KvCounterHost {
  static final Path EXAMPLE = Path.of("../../examples/kv-counter").toAbsolutePath().normalize();

  WorkloadHost host;
  final List<HttpServer> servers = new ArrayList<>();
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** Settings of {@code wasi-keyvalue} for this backend (on top of {@code backend}). */
  abstract Map<String, String> settings() throws Exception;

  /** Adds what the backend needs from the host (the shared NATS connection). */
  WorkloadHost.Builder withShared(WorkloadHost.Builder b) {
    return b;
  }

  /** The plugin under test and its id ({@code wasi-keyvalue} unless overridden). */
  HostPlugin plugin() {
    return new WasiKeyValuePlugin();
  }

  /** The workload's keyvalue entry: name (or null) and config. */
  WitInterface.Builder keyvalueEntry() {
    return WitInterface.newBuilder()
        .setNamespace("wasi")
        .setPackage("keyvalue")
        .addInterfaces("store")
        .addInterfaces("atomics")
        .setVersion("0.2.0-draft");
  }

  /** Whether data outlives a workload (all but in-memory). */
  abstract boolean persists();

  @BeforeEach
  void startHost() throws Exception {
    startHost(settings());
  }

  /** (Re)starts the host with plugin settings {@code settings}. */
  void startHost(Map<String, String> settings) {
    if (host != null) {
      stopHost();
    }
    HostPlugin plugin = plugin();
    PluginRegistry plugins = new PluginRegistry().register(plugin);
    settings.forEach((k, v) -> plugins.configure(plugin.id(), k, v));
    host =
        withShared(
                WorkloadHost.builder()
                    .artifacts(new LocalArtifactResolver(EXAMPLE))
                    .plugins(plugins))
            .build();
  }

  @AfterEach
  void stopHost() {
    servers.forEach(HttpServer::close);
    servers.clear();
    host.close();
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Starts kv-counter as workload {@code id} in {@code namespace}; returns its base URI. */
  URI start(String id, String namespace) throws Exception {
    Workload w =
        Workload.newBuilder()
            .setNamespace(namespace)
            .setName("kv-counter")
            .setWitWorld(
                WitWorld.newBuilder()
                    .addComponents(
                        Component.newBuilder().setName("kv-counter").setImage("kv-counter.wasm"))
                    .addHostInterfaces(
                        WitInterface.newBuilder()
                            .setNamespace("wasi")
                            .setPackage("http")
                            .addInterfaces("incoming-handler")
                            .putConfig("host", id + ".localhost"))
                    .addHostInterfaces(keyvalueEntry()))
            .build();
    var status =
        host.start(WorkloadStartRequest.newBuilder().setWorkloadId(id).setWorkload(w).build());
    assertThat(status.getWorkloadState())
        .as(status.getMessage())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);
    HttpServer server =
        HttpServer.start(
            host.running(id).orElseThrow().http().orElseThrow().handler(),
            new InetSocketAddress("127.0.0.1", 0),
            HttpServerConfig.DEFAULT);
    servers.add(server);
    return URI.create("http://127.0.0.1:" + server.address().getPort());
  }

  /** {@code "STATUS BODY"} of a GET. */
  String get(URI base, String path) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.body();
  }
}
