package virga.bench.host;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * The host benchmarks that are not JMH's, driven by {@code bench/host/run.sh}; each command prints
 * {@code key=value} lines on stdout: {@code memory} ({@link MemoryRun}), {@code serve} ({@link
 * ServeRun}), {@code restart} ({@link RestartRun}).
 */
public final class HostBench {
  private static final String USAGE =
      "usage: HostBench memory --count N [--pool-size P] [--touch]\n"
          + "       HostBench serve --addr HOST:PORT [--pool-size P] [--workers W]\n"
          + "       HostBench restart [--restarts K] [--interval-ms I] [--backoff-ms B]";

  private HostBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage("no command");
    }
    Args a = Args.parse(args);
    switch (args[0]) {
      case "memory" -> MemoryRun.run(a);
      case "serve" -> ServeRun.run(a);
      case "restart" -> RestartRun.run(a);
      default -> usage("unknown command " + args[0]);
    }
  }

  static void usage(String why) {
    System.err.println("HostBench: " + why + "\n" + USAGE);
    System.exit(2);
  }

  /** {@code --name value} options and {@code --flag}s after the command. */
  record Args(Map<String, String> options) {
    static Args parse(String[] args) {
      Map<String, String> out = new HashMap<>();
      for (int i = 1; i < args.length; i++) {
        if (!args[i].startsWith("--")) {
          usage("unexpected argument " + args[i]);
        }
        boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
        out.put(args[i].substring(2), flag ? "" : args[++i]);
      }
      return new Args(out);
    }

    boolean flag(String name) {
      return options.containsKey(name);
    }

    int integer(String name, int def) {
      String v = options.get(name);
      if (v == null) {
        return def;
      }
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        usage("--" + name + " needs a number, not '" + v + "'");
        return def;
      }
    }

    InetSocketAddress address(String name, String def) {
      String v = options.getOrDefault(name, def);
      int colon = v.lastIndexOf(':');
      if (colon <= 0) {
        usage("--" + name + " must be HOST:PORT, not " + v);
      }
      return new InetSocketAddress(v.substring(0, colon), integer(v.substring(colon + 1)));
    }

    private static int integer(String port) {
      try {
        return Integer.parseInt(port);
      } catch (NumberFormatException e) {
        usage("not a port: " + port);
        return 0;
      }
    }
  }
}
