package virga.bench.plugins;

/**
 * The plugin benchmarks driven by {@code bench/plugins/run.sh}; each command prints {@code
 * key=value} lines on stdout: {@code keyvalue} ({@link KeyValueRun}), {@code messaging} ({@link
 * MessagingRun}).
 */
public final class PluginBench {
  private static final String USAGE =
      "usage: PluginBench keyvalue --example DIR --dir DIR [--backends 'in-memory filesystem nats redis']\n"
          + "         [--warmup N] [--jit-warmup J] [--rounds R] [--batch B] [--keys K] [--value-bytes V] [--pool-size P]\n"
          + "       PluginBench messaging --example DIR [--levels '1 8'] [--rounds R] [--seconds S]\n"
          + "         [--warmup-seconds W] [--body-bytes B] [--pool-size P]";

  private PluginBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      fail("no command");
    }
    Options o;
    try {
      o = new Options(args, 1);
    } catch (IllegalArgumentException e) {
      fail(e.getMessage());
      return;
    }
    switch (args[0]) {
      case "keyvalue" -> KeyValueRun.run(o);
      case "messaging" -> MessagingRun.run(o);
      default -> fail("unknown command " + args[0]);
    }
    // the host's and jnats' non-daemon threads would keep the JVM: everything is closed by now
    System.exit(0);
  }

  private static void fail(String why) {
    System.err.println("PluginBench: " + why + "\n" + USAGE);
    System.exit(2);
  }
}
