package virga.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import virga.host.standalone.StandaloneHost;
import virga.protocol.v2.WorkloadState;

/** {@code host run MANIFEST.yaml} on bad input: one clear error line each and a non-zero exit. */
class ManifestRunIT {
  @TempDir Path dir;

  static final String DEPLOYMENT =
      """
      apiVersion: runtime.wasmcloud.dev/v1alpha1
      kind: WorkloadDeployment
      metadata:
        name: hello
      spec:
        template:
          spec:
            hostInterfaces:
              - namespace: wasi
                package: http
                interfaces: [incoming-handler]
                config: {host: hello.localhost}
            components:
              - name: hello
                image: %s
      %s
      """;

  Path manifest(String image, String extra) throws Exception {
    Files.copy(CliRun.fixture("wasi-http-hello.wasm"), dir.resolve("hello.wasm"));
    Path m = dir.resolve("app.yaml");
    Files.writeString(m, DEPLOYMENT.formatted(image, extra));
    return m;
  }

  @Test
  void aMissingConfigMapIsNamedWithWhatToDo() throws Exception {
    Path m =
        manifest(
            "./hello.wasm\n"
                + "          localResources:\n"
                + "            environment:\n"
                + "              configFrom: [{name: app-config}]",
            "");
    CliRun run = CliRun.run("run", m.toString(), "--http-addr", "127.0.0.1:0");
    assertThat(run.exitCode()).isEqualTo(CliErrors.BAD_INPUT);
    assertThat(run.err())
        .isEqualTo(
            "error: "
                + m
                + ":18: WorkloadDeployment default/hello:"
                + " spec.template.spec.components[0].localResources.environment.configFrom[0]:"
                + " ConfigMap default/app-config not found: add a ConfigMap named app-config in"
                + " namespace default to the manifest or a config path, or remove it from"
                + " configFrom\n");
  }

  @Test
  void aConfigMapFromAConfigDirResolves() throws Exception {
    Path m =
        manifest(
            "./hello.wasm\n"
                + "          localResources:\n"
                + "            environment:\n"
                + "              configFrom: [{name: app-config}]",
            "");
    Path config = Files.createDirectory(dir.resolve("config"));
    Files.writeString(
        config.resolve("cm.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app-config}\ndata: {A: b}\n");
    List<String> progress = new CopyOnWriteArrayList<>();
    try (StandaloneHost host =
        StandaloneHost.start(
            new StandaloneHost.Options(
                m,
                List.of(config),
                new InetSocketAddress("127.0.0.1", 0),
                null,
                null,
                false,
                progress::add))) {
      assertThat(host.host().status("default/hello").getWorkloadState())
          .isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);
      assertThat(host.httpAddress()).isNotNull();
      assertThat(progress)
          .containsExactly(
              "starting default/hello (1 component)",
              "default/hello: RUNNING - Workload is Running",
              "serving HTTP on http://127.0.0.1:"
                  + host.httpAddress().getPort()
                  + " for hosts hello.localhost");
    }
  }

  @Test
  void aStartedManifestIsReadyOnTheMetricsListener() throws Exception {
    Path m = manifest("./hello.wasm", "");
    try (StandaloneHost host =
        StandaloneHost.start(
            new StandaloneHost.Options(
                m,
                List.of(),
                new InetSocketAddress("127.0.0.1", 0),
                new InetSocketAddress("127.0.0.1", 0),
                null,
                false,
                line -> {}))) {
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      for (String[] probe :
          List.of(
              new String[] {"/readyz", "ok: all 1 workloads started\n"},
              new String[] {"/healthz", "ok: 1 workload\n"})) {
        java.net.http.HttpResponse<String> r =
            http.send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            "http://127.0.0.1:" + host.metricsAddress().getPort() + probe[0]))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(probe[0]).isEqualTo(200);
        assertThat(r.body()).isEqualTo(probe[1]);
      }
    }
  }

  @Test
  void aMissingManifestIsNamed() {
    CliRun run = CliRun.run("run", dir.resolve("nope.yaml").toString());
    assertThat(run.exitCode()).isEqualTo(CliErrors.BAD_INPUT);
    assertThat(run.err()).isEqualTo("error: no such manifest: " + dir.resolve("nope.yaml") + "\n");
  }

  @Test
  void anInvalidManifestNamesTheField() throws Exception {
    Path m = manifest("./hello.wasm\n          poolsize: 2", "");
    CliRun run = CliRun.run("run", m.toString());
    assertThat(run.exitCode()).isEqualTo(CliErrors.BAD_INPUT);
    assertThat(run.err())
        .isEqualTo(
            "error: "
                + m
                + ":16: WorkloadDeployment default/hello: spec.template.spec.components[0].poolsize:"
                + " unknown field: check the spelling (fields of spec.template.spec.components[0]:"
                + " image, imagePullPolicy, imagePullSecret, localResources, maxConcurrency,"
                + " maxInvocations, name, poolSize)\n");
  }

  @Test
  void aMissingImageFileFailsTheStartWithItsPath() throws Exception {
    Path m = manifest("./missing.wasm", "");
    CliRun run = CliRun.run("run", m.toString(), "--http-addr", "127.0.0.1:0");
    assertThat(run.exitCode()).isEqualTo(CliErrors.TRAP);
    assertThat(run.err())
        .isEqualTo(
            "starting default/hello (1 component)\n"
                + "error: default/hello: failed to pull image for component 'hello': image"
                + " './missing.wasm': no such file "
                + dir.resolve("missing.wasm")
                + " (a path is read relative to "
                + dir
                + ")\n");
  }

  @Test
  void aBadHttpAddressIsAUsageError() throws Exception {
    Path m = manifest("./hello.wasm", "");
    CliRun run = CliRun.run("run", m.toString(), "--http-addr", "localhost");
    assertThat(run.exitCode()).isEqualTo(CliErrors.BAD_INPUT);
    assertThat(run.err())
        .isEqualTo("error: --http-addr takes HOST:PORT, e.g. 127.0.0.1:8080 (got 'localhost')\n");
  }
}
