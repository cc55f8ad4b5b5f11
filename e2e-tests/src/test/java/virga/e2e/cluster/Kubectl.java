package virga.e2e.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import virga.testsupport.CommandResult;
import virga.testsupport.Commands;

/** Runs kubectl (1.20, on the PATH) against one kubeconfig, as a user would. */
public final class Kubectl {
  private final Path kubeconfig;

  /** kubectl with {@code --kubeconfig kubeconfig}. */
  public Kubectl(Path kubeconfig) {
    this.kubeconfig = kubeconfig;
  }

  /** {@code kubectl ARGS}; the result, whatever the exit code. */
  public CommandResult run(String... args) {
    List<String> cmd = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
    cmd.addAll(List.of(args));
    return Commands.run(cmd, Duration.ofSeconds(60));
  }

  /** {@code kubectl ARGS}, failing with its output unless it exits 0; its stdout. */
  public String ok(String... args) {
    CommandResult r = run(args);
    if (!r.succeeded()) {
      throw new AssertionError("kubectl " + String.join(" ", args) + " failed: " + r);
    }
    return r.stdout();
  }

  /** {@code kubectl apply -f FILE ARGS} of {@code yaml} written to a temporary file. */
  public CommandResult apply(String yaml, String... args) throws IOException {
    Path file = Files.createTempFile("e2e-manifest", ".yaml");
    try {
      Files.writeString(file, yaml);
      List<String> all = new ArrayList<>(List.of("apply", "-f", file.toString()));
      all.addAll(List.of(args));
      return run(all.toArray(String[]::new));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /**
   * {@code kubectl auth can-i VERB RESOURCE [--subresource SUB] [-n NS]} for {@code resource} or
   * {@code resource/sub} (kubectl would read {@code a/b} as the object named b): whether the answer
   * is yes.
   */
  public boolean canI(String verb, String resource, String namespace) {
    List<String> args = new ArrayList<>(List.of("auth", "can-i", verb));
    int slash = resource.indexOf('/');
    if (slash < 0) {
      args.add(resource);
    } else {
      args.addAll(
          List.of(resource.substring(0, slash), "--subresource", resource.substring(slash + 1)));
    }
    if (namespace != null) {
      args.addAll(List.of("-n", namespace));
    }
    CommandResult r = run(args.toArray(String[]::new));
    String answer = r.stdout().trim();
    if (!answer.equals("yes") && !answer.equals("no")) {
      throw new AssertionError("kubectl auth can-i " + verb + " " + resource + ": " + r);
    }
    return answer.equals("yes");
  }
}
