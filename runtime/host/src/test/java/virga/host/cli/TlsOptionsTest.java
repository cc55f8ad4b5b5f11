package virga.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --tls-cert-path/--tls-key-path} of {@code host cluster} and {@code host run}. */
class TlsOptionsTest {
  @Test
  void aCertificateWithoutAKeyIsABadInputThatSaysWhatToDo(@TempDir Path dir) {
    CliRun run =
        CliRun.run(
            "cluster",
            "--scheduler-nats-url",
            "nats://127.0.0.1:1",
            "--tls-cert-path",
            dir.resolve("cert.pem").toString());
    assertThat(run.exitCode()).isEqualTo(CliErrors.BAD_INPUT);
    assertThat(run.err())
        .isEqualTo(
            "error: --tls-cert-path and --tls-key-path go together: give both, or neither for"
                + " plain HTTP\n");
  }

  @Test
  void aMissingTlsFileIsNamedBeforeAnyWorkloadStarts(@TempDir Path dir) throws Exception {
    Path manifest = Files.writeString(dir.resolve("app.yaml"), "# never read\n");
    Path cert = dir.resolve("cert.pem");
    CliRun run =
        CliRun.run(
            "run",
            manifest.toString(),
            "--tls-cert-path",
            cert.toString(),
            "--tls-key-path",
            dir.resolve("key.pem").toString());
    assertThat(run.exitCode()).isEqualTo(CliErrors.BAD_INPUT);
    assertThat(run.err())
        .isEqualTo(
            "error: TLS file " + cert + " does not exist or is not readable: give a PEM file\n");
  }
}
