package virga.plugins.it.postgres;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import virga.host.artifact.LocalArtifactResolver;
import virga.host.plugin.PluginRegistry;
import virga.host.workload.WorkloadHost;
import virga.plugins.postgres.WasmcloudPostgresPlugin;
import virga.protocol.v2.Component;
import virga.protocol.v2.WitInterface;
import virga.protocol.v2.WitWorld;
import virga.protocol.v2.Workload;
import virga.protocol.v2.WorkloadStartRequest;
import virga.protocol.v2.WorkloadState;
import virga.testsupport.PostgresServer;
import virga.testsupport.WithPostgresServer;
import virga.wasi.http.HttpServer;
import virga.wasi.http.HttpServerConfig;

/**
 * The pg-query example (examples/pg-query) on a real host with the wasmcloud-postgres plugin and a
 * real PostgreSQL: bound parameters from the guest, one pool for two workloads, a server that goes
 * away.
 */
@Timeout(180)
@WithPostgresServer
class PgQueryGuestIT {
  static final Path EXAMPLE = Path.of("../../examples/pg-query").toAbsolutePath().normalize();

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final List<HttpServer> servers = new ArrayList<>();
  private WasmcloudPostgresPlugin plugin;
  private WorkloadHost host;

  @BeforeAll
  static void database(PostgresServer pg) {
    pg.createDatabase("visits");
  }

  @BeforeEach
  void startHost(PostgresServer pg) {
    pg.psql("visits", "DROP TABLE IF EXISTS visits");
    plugin = new WasmcloudPostgresPlugin();
    host =
        WorkloadHost.builder()
            .artifacts(new LocalArtifactResolver(EXAMPLE))
            .plugins(
                new PluginRegistry()
                    .register(plugin)
                    .configure(WasmcloudPostgresPlugin.ID, "url", pg.url())
                    .configure(WasmcloudPostgresPlugin.ID, "connection-timeout-ms", "1000"))
            .build();
  }

  @AfterEach
  void stopHost() {
    servers.forEach(HttpServer::close);
    host.close();
  }

  private URI start(String id) throws Exception {
    Workload w =
        Workload.newBuilder()
            .setNamespace("default")
            .setName("pg-query")
            .setWitWorld(
                WitWorld.newBuilder()
                    .addComponents(
                        Component.newBuilder().setName("pg-query").setImage("pg-query.wasm"))
                    .addHostInterfaces(
                        WitInterface.newBuilder()
                            .setNamespace("wasi")
                            .setPackage("http")
                            .addInterfaces("incoming-handler")
                            .putConfig("host", id + ".localhost"))
                    .addHostInterfaces(
                        WitInterface.newBuilder()
                            .setNamespace("wasmcloud")
                            .setPackage("postgres")
                            .addInterfaces("types")
                            .addInterfaces("query")
                            .setVersion("0.1.1-draft")
                            .putConfig("database", "visits")))
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

  private String get(URI base, String path) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.body();
  }

  @Test
  void theGuestQueriesWithBoundParametersAndAnInjectionStaysAValue(PostgresServer pg)
      throws Exception {
    URI base = start("w-1");
    assertThat(get(base, "/visit/alice")).isEqualTo("200 alice 1\n");
    assertThat(get(base, "/visit/alice")).isEqualTo("200 alice 2\n");
    assertThat(get(base, "/visit/bob")).isEqualTo("200 bob 1\n");
    String evil = "x');DROP%20TABLE%20visits;--";
    assertThat(get(base, "/visit/" + evil)).isEqualTo("200 " + evil + " 1\n");
    // the table survived, and holds the attempt as a name
    assertThat(get(base, "/top")).isEqualTo("200 alice 2\nbob 1\n" + evil + " 1\n");
    assertThat(pg.psql("visits", "SELECT count(*) FROM visits").trim()).isEqualTo("4");
    assertThat(get(base, "/other")).isEqualTo("404 use /visit/NAME or /top\n");
  }

  @Test
  void twoWorkloadsOnOneDatabaseShareOnePool() throws Exception {
    URI one = start("w-1");
    URI two = start("w-2");
    assertThat(get(one, "/visit/carol")).isEqualTo("200 carol 1\n");
    assertThat(get(two, "/visit/carol")).isEqualTo("200 carol 2\n");
    assertThat(plugin.poolCount()).isEqualTo(1);
    assertThat(plugin.poolNames()).hasSize(1).allMatch(n -> n.endsWith("/visits"));
    host.stop("w-1");
    assertThat(plugin.poolCount()).isEqualTo(1);
    host.stop("w-2");
    assertThat(plugin.poolCount()).isZero();
  }

  @Test
  void aServerThatGoesAwayAnswersAnErrorNotAHang(PostgresServer pg) throws Exception {
    URI base = start("w-1");
    assertThat(get(base, "/visit/dave")).isEqualTo("200 dave 1\n");
    pg.stop();
    long t0 = System.nanoTime();
    String answer = get(base, "/visit/dave");
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertThat(answer).startsWith("500 postgres error: unexpected: connection failed: ");
    assertThat(millis).isLessThan(10_000);
    pg.restart();
    assertThat(get(base, "/visit/dave")).isEqualTo("200 dave 2\n");
  }
}
