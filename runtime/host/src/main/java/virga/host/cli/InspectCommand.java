package virga.host.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import virga.component.Component;
import virga.component.Engine;
import virga.component.wit.WitPrinter;

/** {@code host inspect COMPONENT.wasm}: prints the component's imports and exports as WIT. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = "Print a component's imports and exports as WIT.")
final class InspectCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "COMPONENT", description = "A component binary (.wasm).")
  Path component;

  @Override
  public Integer call() throws Exception {
    Component c = Engine.create().compile(Files.readAllBytes(component));
    spec.commandLine().getOut().print(WitPrinter.print(c.imports(), c.exports()));
    return 0;
  }
}
