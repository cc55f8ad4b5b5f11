package virga.bench.plugins;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code --name value} options after a {@link PluginBench} command. */
final class Options {
  private final Map<String, String> values = new HashMap<>();

  Options(String[] args, int from) {
    for (int i = from; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value, not " + args[i]);
      }
      values.put(args[i].substring(2), args[i + 1]);
    }
  }

  String text(String name, String def) {
    String v = values.getOrDefault(name, def);
    if (v == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return v;
  }

  int integer(String name, int def) {
    String v = values.get(name);
    try {
      return v == null ? def : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " needs a number, not '" + v + "'");
    }
  }

  /** A blank-separated list. */
  List<String> words(String name, String def) {
    return Arrays.stream(text(name, def).trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
  }
}
