package virga.host.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import virga.component.Component;
import virga.component.ComponentInstance;
import virga.component.Linker;
import virga.component.runtime.ComponentFunction;
import virga.component.types.FuncType;
import virga.component.values.Value;
import virga.component.values.Wave;
import virga.component.values.WaveCall;

/**
 * {@code host invoke COMPONENT.wasm 'FUNC(ARGS)'}: instantiates the component with no imports,
 * calls one export with arguments written in WAVE and prints the result in WAVE, as {@code wasmtime
 * run --invoke} does.
 */
@Command(
    name = "invoke",
    mixinStandardHelpOptions = true,
    description = {
      "Call one exported function of a component and print its result in WAVE.",
      "FUNC is a top-level export (`add`) or an interface function (`ns:pkg/iface@1.0.0#func`).",
      "Example: host invoke adder.wasm 'add(40, 2)'"
    })
final class InvokeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "COMPONENT", description = "A component binary (.wasm).")
  Path component;

  @Parameters(
      index = "1",
      paramLabel = "CALL",
      description = "The call in WAVE, e.g. 'reverse(\"hello\")'.")
  String call;

  @Mixin LimitOptions limits = new LimitOptions();

  @Mixin CompileCacheOptions compileCache = new CompileCacheOptions();

  @Override
  public Integer call() throws Exception {
    WaveCall parsed = Wave.parseCall(call);
    Component c = compileCache.engine().compile(Files.readAllBytes(component));
    ComponentInstance instance = new Linker().instantiate(c, limits.limits());
    ComponentFunction f = instance.function(parsed.name());
    FuncType type = f.type();
    Value result = f.call(parsed.values(type.paramTypes()).toArray(new Value[0]));
    spec.commandLine()
        .getOut()
        .println(type.result() == null ? "()" : Wave.print(type.result(), result));
    return 0;
  }
}
