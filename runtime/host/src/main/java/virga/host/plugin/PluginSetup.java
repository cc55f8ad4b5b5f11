package virga.host.plugin;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a host's plugins come from and their host-level settings ({@code --plugins-dir}, {@code
 * --plugin-config ID.KEY=VALUE}); {@link #registry()} discovers and configures them.
 *
 * @param pluginsDir a directory of plugin jars, or null for the class path only
 * @param settings per plugin id, its settings
 */
public record PluginSetup(Path pluginsDir, Map<String, Map<String, String>> settings) {
  public PluginSetup {
    Map<String, Map<String, String>> copy = new TreeMap<>();
    settings.forEach((id, values) -> copy.put(id, Map.copyOf(values)));
    settings = Map.copyOf(copy);
  }

  /** The class path's plugins and those of {@code pluginsDir} (may be null), unconfigured. */
  public static PluginSetup fromDirectory(Path pluginsDir) {
    return new PluginSetup(pluginsDir, Map.of());
  }

  /**
   * This setup plus one {@code ID.KEY=VALUE} setting.
   *
   * @throws IllegalArgumentException when {@code setting} is not of that shape
   */
  public PluginSetup with(String setting) {
    int eq = setting.indexOf('=');
    // plugin ids hold no dot, keys may: the first dot splits
    int dot = setting.indexOf('.');
    if (eq < 0 || dot <= 0 || dot > eq - 2) {
      throw new IllegalArgumentException(
          "--plugin-config takes ID.KEY=VALUE, e.g. wasi-keyvalue.backend=redis (got '"
              + setting
              + "')");
    }
    Map<String, Map<String, String>> next = new TreeMap<>(settings);
    Map<String, String> values =
        new TreeMap<>(next.getOrDefault(setting.substring(0, dot), Map.of()));
    values.put(setting.substring(dot + 1, eq), setting.substring(eq + 1));
    next.put(setting.substring(0, dot), values);
    return new PluginSetup(pluginsDir, next);
  }

  /** Discovers the plugins and gives them their settings. */
  public PluginRegistry registry() {
    PluginRegistry registry = PluginRegistry.discover(pluginsDir);
    settings.forEach((id, values) -> values.forEach((k, v) -> registry.configure(id, k, v)));
    return registry;
  }
}
