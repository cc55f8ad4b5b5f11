package virga.host.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Runs {@code bin/host} in-process and captures what it prints, for tests. */
record CliRun(int exitCode, String out, String err) {
  /** The committed guest fixtures, found from the module directory the tests run in. */
  static Path fixture(String name) {
    return Paths.get("..", "..", "guests", "wasm", name).toAbsolutePath().normalize();
  }

  static CliRun run(String... args) {
    var cli = HostCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
