package virga.host.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/host}: the Virga host's command line. */
@Command(
    name = "host",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Runs and inspects WebAssembly components (component model) on the JVM.",
    subcommands = {
      RunCommand.class,
      ServeCommand.class,
      InvokeCommand.class,
      InspectCommand.class,
      PushCommand.class,
      ClusterCommand.class
    })
public final class HostCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "name a command, e.g. `host invoke --help`");
  }

  /** The command line, configured as {@code bin/host} runs it (for tests too). */
  public static CommandLine commandLine() {
    return new CommandLine(new HostCli())
        .setExecutionExceptionHandler(new CliErrors())
        .setCaseInsensitiveEnumValuesAllowed(true);
  }

  public static void main(String[] args) {
    // WAVE strings carry any Unicode: never let the platform charset turn them into '?'.
    CommandLine cli = commandLine();
    cli.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
    cli.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    int code = cli.execute(args);
    cli.getOut().flush();
    cli.getErr().flush();
    System.exit(code);
  }
}
