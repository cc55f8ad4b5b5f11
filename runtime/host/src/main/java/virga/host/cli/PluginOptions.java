package virga.host.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import virga.host.plugin.PluginSetup;

/** The plugin options of every command that runs workloads: where plugins come from, settings. */
final class PluginOptions {
  @Option(
      names = "--plugins-dir",
      paramLabel = "DIR",
      description = "A directory of host plugin jars, found with ServiceLoader.")
  Path pluginsDir;

  @Option(
      names = "--plugin-config",
      paramLabel = "ID.KEY=VALUE",
      description =
          "A host-level setting for one plugin (repeatable), e.g."
              + " wasi-keyvalue.backend=redis or wasmcloud-postgres.url=jdbc:postgresql://db/app.")
  List<String> settings = new ArrayList<>();

  /**
   * The plugin setup these options describe.
   *
   * @throws IllegalArgumentException naming a malformed {@code --plugin-config}
   */
  PluginSetup setup() {
    PluginSetup setup = PluginSetup.fromDirectory(pluginsDir);
    for (String s : settings) {
      setup = setup.with(s);
    }
    return setup;
  }
}
