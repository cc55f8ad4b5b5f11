package virga.host.cli;

/**
 * Runs {@code host serve} before {@code ServeCommand} is registered in {@code HostCli}: run.sh
 * compiles this against the host's CLI jar (same package, same class loader) and uses it only when
 * {@code bin/host serve --help} fails.
 */
public final class ServeLauncher {
  private ServeLauncher() {}

  public static void main(String[] args) {
    picocli.CommandLine cli =
        new picocli.CommandLine(new ServeCommand())
            .setExecutionExceptionHandler(new CliErrors());
    System.exit(cli.execute(args));
  }
}
