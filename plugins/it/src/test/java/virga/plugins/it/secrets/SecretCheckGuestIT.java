package virga.plugins.it.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import virga.host.artifact.LocalArtifactResolver;
import virga.host.plugin.PluginRegistry;
import virga.host.workload.WorkloadHost;
import virga.plugins.secrets.WasmcloudSecretsPlugin;
import virga.protocol.v2.Component;
import virga.protocol.v2.WitInterface;
import virga.protocol.v2.WitWorld;
import virga.protocol.v2.Workload;
import virga.protocol.v2.WorkloadStartRequest;
import virga.protocol.v2.WorkloadState;
import virga.wasi.http.HttpServer;
import virga.wasi.http.HttpServerConfig;

/**
 * The secret-check example (examples/secret-check) on a real host with the wasmcloud-secrets
 * plugin: the guest reads secrets through store + reveal, and the values never show in the host's
 * output.
 */
@Timeout(180)
class SecretCheckGuestIT {
  static final Path EXAMPLE = Path.of("../../examples/secret-check").toAbsolutePath().normalize();
  static final String API_KEY = "s3cr3t-api-key-6b1e0c";
  static final String DB_PASSWORD = "correct-horse-battery-staple-94f2";

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Test
  void theGuestUsesItsSecretsAndTheHostNeverPrintsThem() throws Exception {
    WasmcloudSecretsPlugin plugin = new WasmcloudSecretsPlugin();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream out = System.out;
    PrintStream err = System.err;
    PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setOut(tee);
    System.setErr(tee);
    try (WorkloadHost host =
        WorkloadHost.builder()
            .artifacts(new LocalArtifactResolver(EXAMPLE))
            .plugins(new PluginRegistry().register(plugin))
            .build()) {
      Workload w =
          Workload.newBuilder()
              .setNamespace("default")
              .setName("secret-check")
              .setWitWorld(
                  WitWorld.newBuilder()
                      .addComponents(
                          Component.newBuilder()
                              .setName("secret-check")
                              .setImage("secret-check.wasm"))
                      .addHostInterfaces(
                          WitInterface.newBuilder()
                              .setNamespace("wasi")
                              .setPackage("http")
                              .addInterfaces("incoming-handler")
                              .putConfig("host", "secret-check.localhost"))
                      .addHostInterfaces(
                          WitInterface.newBuilder()
                              .setNamespace("wasmcloud")
                              .setPackage("secrets")
                              .addInterfaces("store")
                              .addInterfaces("reveal")
                              .setVersion("2.1.0")
                              .putConfig("API_KEY", API_KEY)
                              .putConfig("DB_PASSWORD", DB_PASSWORD)))
              .build();
      var status =
          host.start(
              WorkloadStartRequest.newBuilder().setWorkloadId("w-secrets").setWorkload(w).build());
      assertThat(status.getWorkloadState())
          .as(status.getMessage())
          .isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);
      assertThat(plugin.boundKeys("w-secrets", "secret-check")).isEqualTo(2);
      try (HttpServer server =
          HttpServer.start(
              host.running("w-secrets").orElseThrow().http().orElseThrow().handler(),
              new InetSocketAddress("127.0.0.1", 0),
              HttpServerConfig.DEFAULT)) {
        URI base = URI.create("http://127.0.0.1:" + server.address().getPort());
        assertThat(get(base, "/check/" + API_KEY)).isEqualTo("200 ok\n");
        assertThat(get(base, "/check/" + API_KEY + "x")).isEqualTo("403 denied\n");
        assertThat(get(base, "/check/wrong")).isEqualTo("403 denied\n");
        assertThat(get(base, "/length/DB_PASSWORD"))
            .isEqualTo("200 " + DB_PASSWORD.length() + "\n");
        assertThat(get(base, "/length/NOPE")).isEqualTo("404 not-found\n");
      }
      host.stop("w-secrets");
      // the unbind wiped the workload's values
      assertThat(plugin.boundKeys("w-secrets", "secret-check")).isZero();
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    String printed = captured.toString(StandardCharsets.UTF_8);
    out.print(printed);
    assertThat(printed).doesNotContain(API_KEY).doesNotContain(DB_PASSWORD);
  }

  private String get(URI base, String path) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.body();
  }
}
