package virga.host.cli;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code host run MANIFEST.yaml}. */
final class ManifestOptions {
  @Option(
      names = "--http-addr",
      paramLabel = "HOST:PORT",
      defaultValue = "127.0.0.1:8080",
      description =
          "Where HTTP components are served, routed by Host header (default: ${DEFAULT-VALUE}).")
  String httpAddr;

  @Option(
      names = "--config-dir",
      paramLabel = "PATH",
      description =
          "A file or directory with more ConfigMaps and Secrets for configFrom/secretFrom"
              + " (repeatable).")
  List<Path> configDirs = new ArrayList<>();

  @Mixin PluginOptions plugins = new PluginOptions();

  @Mixin DataNatsOptions data = new DataNatsOptions();

  @Option(
      names = "--allow-host-loopback",
      description =
          "Let workloads reach this machine's loopback through host.wasmcloud.internal on their"
              + " allowedHostLoopbackPorts.")
  boolean allowHostLoopback;

  @Option(
      names = "--metrics-addr",
      paramLabel = "HOST:PORT",
      description = "Serve Prometheus metrics on http://HOST:PORT/metrics (default: off).")
  String metricsAddr;

  /** Whether {@code path} names a manifest (YAML/JSON or a directory), not a component. */
  static boolean isManifest(Path path) {
    String n = path.getFileName() == null ? "" : path.getFileName().toString();
    String lower = n.toLowerCase(Locale.ROOT);
    return Files.isDirectory(path)
        || lower.endsWith(".yaml")
        || lower.endsWith(".yml")
        || lower.endsWith(".json");
  }

  /** {@code HOST:PORT} as an address; a bad value fails with the option's name. */
  static InetSocketAddress address(String option, String value) {
    int colon = value.lastIndexOf(':');
    try {
      if (colon <= 0) {
        throw new NumberFormatException();
      }
      String host = value.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      return new InetSocketAddress(host, Integer.parseInt(value.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          option + " takes HOST:PORT, e.g. 127.0.0.1:8080 (got '" + value + "')");
    }
  }
}
