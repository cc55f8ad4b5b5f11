package virga.e2e.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import virga.testsupport.CommandResult;
import virga.testsupport.Commands;

/** Runs helm (scripts/install-helm.sh puts it in ~/.cache/helm) against one kubeconfig. */
public final class Helm {
  /** Where scripts/install-helm.sh installs helm. */
  public static final Path BINARY =
      Path.of(System.getProperty("user.home"), ".cache", "helm", "helm");

  private final Path kubeconfig;

  /** helm with {@code --kubeconfig kubeconfig}. */
  public Helm(Path kubeconfig) {
    this.kubeconfig = kubeconfig;
  }

  /** {@code helm ARGS}; the result, whatever the exit code. */
  public CommandResult run(String... args) {
    List<String> cmd =
        new ArrayList<>(List.of(BINARY.toString(), "--kubeconfig", kubeconfig.toString()));
    cmd.addAll(List.of(args));
    return Commands.run(cmd, Duration.ofMinutes(3));
  }

  /** {@code helm ARGS}, failing with its output unless it exits 0; its stdout. */
  public String ok(String... args) {
    CommandResult r = run(args);
    if (!r.succeeded()) {
      throw new AssertionError("helm " + String.join(" ", args) + " failed: " + r);
    }
    return r.stdout();
  }

  /**
   * {@code helm upgrade --install RELEASE CHART -n NS --create-namespace} with {@code --set} values
   * ({@code key=value} each); no {@code --wait}: no pod of the chart ever runs here.
   */
  public String upgradeInstall(String release, Path chart, String namespace, List<String> sets) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "upgrade",
                "--install",
                release,
                chart.toString(),
                "-n",
                namespace,
                "--create-namespace"));
    for (String s : sets) {
      args.add("--set");
      args.add(s);
    }
    return ok(args.toArray(String[]::new));
  }
}
