package virga.host.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import virga.component.Engine;
import virga.host.artifact.ArtifactException;
import virga.host.artifact.oci.OciPusher;
import virga.host.artifact.oci.RegistryCredentials;

/**
 * {@code host push COMPONENT.wasm REF}: publishes a component to an OCI registry as wasmCloud's
 * tooling does (OCI image manifest, one {@code application/wasm} layer) and prints the manifest
 * digest.
 */
@Command(
    name = "push",
    mixinStandardHelpOptions = true,
    description = {
      "Push a component to an OCI registry (one application/wasm layer) and print its digest.",
      "Example: host push hello.wasm ghcr.io/org/hello:1.0 --username me --password-stdin"
    })
final class PushCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "COMPONENT", description = "A component binary (.wasm).")
  Path component;

  @Parameters(
      index = "1",
      paramLabel = "REF",
      description = "Where to push: registry/repository:tag (e.g. localhost:5000/hello:1.0).")
  String reference;

  @Option(names = "--username", paramLabel = "USER", description = "The registry user.")
  String username;

  @Option(
      names = "--password-stdin",
      description = "Read the password (or token) from the first line of standard input.")
  boolean passwordStdin;

  @Option(names = "--insecure", description = "Talk plain HTTP to the registry (no TLS).")
  boolean insecure;

  @Option(
      names = "--oci-ca-path",
      paramLabel = "PEM",
      description = "A PEM file of extra certificate authorities to trust (repeatable).")
  List<Path> caPaths = new ArrayList<>();

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "The most the push may take. Default: ${DEFAULT-VALUE}.",
      defaultValue = "120s",
      converter = DurationConverter.class)
  Duration timeout;

  /** Where the password is read from (tests replace it). */
  InputStream stdin = System.in;

  @Override
  public Integer call() throws IOException {
    if (passwordStdin && (username == null || username.isEmpty())) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--password-stdin needs --username");
    }
    byte[] bytes = Files.readAllBytes(component);
    // refuse to publish what no host could run: a broken file fails here, not at every start
    Engine.create().compile(bytes);
    String password = passwordStdin ? readPassword() : "";
    try {
      String digest =
          new OciPusher(insecure, caPaths, timeout.isZero() ? Duration.ofSeconds(120) : timeout)
              .push(bytes, reference, new RegistryCredentials(username, password));
      spec.commandLine().getOut().println(digest);
      return 0;
    } catch (ArtifactException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return 1;
    }
  }

  private String readPassword() throws IOException {
    String line =
        new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
    if (line == null || line.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--password-stdin: standard input has no password");
    }
    return line;
  }
}
