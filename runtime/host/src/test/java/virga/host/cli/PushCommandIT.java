package virga.host.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import virga.host.artifact.ArtifactRequest;
import virga.host.artifact.oci.OciArtifactResolver;
import virga.host.artifact.oci.OciSettings;
import virga.protocol.v2.ImagePullSecret;
import virga.testsupport.DockerRegistry;

/** {@code bin/host push} against a real docker-registry with htpasswd auth. */
@EnabledIf("available")
class PushCommandIT {
  static boolean available() {
    return !DockerRegistry.available().isDisabled();
  }

  @Test
  void pushPrintsTheDigestAndTheHostPullsIt(@TempDir Path cache) throws Exception {
    try (DockerRegistry registry = DockerRegistry.start("me", "pw")) {
      Path wasm = CliRun.fixture("wasi-http-hello.wasm");
      String ref = registry.address() + "/demo/hello:1.0";
      CliRun run =
          withStdin(
              "pw\n",
              () ->
                  CliRun.run(
                      "push",
                      wasm.toString(),
                      ref,
                      "--username",
                      "me",
                      "--password-stdin",
                      "--insecure"));
      assertEquals(0, run.exitCode(), run.err());
      assertTrue(run.out().strip().matches("sha256:[0-9a-f]{64}"), run.out());
      assertEquals("", run.err());

      byte[] pulled =
          new OciArtifactResolver(OciSettings.defaults(cache).withAllowInsecureRegistries(true))
              .resolve(
                  new ArtifactRequest(
                      ref,
                      null,
                      ImagePullSecret.newBuilder().setUsername("me").setPassword("pw").build()));
      assertArrayEquals(Files.readAllBytes(wasm), pulled);

      CliRun wrong =
          withStdin(
              "bad\n",
              () ->
                  CliRun.run(
                      "push",
                      wasm.toString(),
                      ref,
                      "--username",
                      "me",
                      "--password-stdin",
                      "--insecure"));
      assertEquals(1, wrong.exitCode());
      assertEquals(
          "error: registry refused credentials for "
              + ref
              + " (HTTP 401): check --username and --password-stdin\n",
          wrong.err());
    }
  }

  @Test
  void passwordStdinNeedsAUser() {
    CliRun run =
        CliRun.run(
            "push",
            CliRun.fixture("wasi-http-hello.wasm").toString(),
            "127.0.0.1:1/x:1",
            "--password-stdin");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("--password-stdin needs --username"), run.err());
  }

  private static CliRun withStdin(String input, java.util.function.Supplier<CliRun> body) {
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    try {
      return body.get();
    } finally {
      System.setIn(saved);
    }
  }
}
