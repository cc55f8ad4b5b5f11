package virga.wasi;

import java.util.Objects;
import virga.component.Component;
import virga.component.ComponentInstance;
import virga.component.LinkException;
import virga.component.Linker;
import virga.component.core.InstanceLimits;
import virga.component.values.Value;

/**
 * Runs a command component: links WASI into the given linker, instantiates, calls its {@code
 * wasi:cli/run@0.2.x#run} export, and returns the exit code: 0 for {@code ok}, 1 for {@code err},
 * or the code the guest passed to {@code wasi:cli/exit}. A trap propagates as the engine's {@link
 * virga.component.TrapException}. The context is closed afterwards (stdout and stderr flushed).
 *
 * <p>{@code bin/host run}: {@code CommandRunner.run(engine.compile(bytes),
 * WasiContext.builder().args(argv).inheritEnv().inheritStdio().build())}.
 */
public final class CommandRunner {
  private CommandRunner() {}

  /** Runs {@code component} with WASI only. */
  public static int run(Component component, WasiContext ctx) {
    return run(component, new Linker(), ctx, InstanceLimits.NONE);
  }

  /**
   * Runs {@code component} with WASI added to {@code linker}, which may already hold the
   * component's other imports.
   */
  public static int run(
      Component component, Linker linker, WasiContext ctx, InstanceLimits limits) {
    Objects.requireNonNull(component, "component");
    String run = runExport(component);
    try (ctx) {
      Wasi.addToLinker(linker, ctx);
      ComponentInstance instance = linker.instantiate(component, limits);
      Value result = instance.call(run + "#run");
      return ((Value.ResultValue) result).isOk() ? 0 : 1;
    } catch (RuntimeException e) {
      WasiExit exit = WasiExit.find(e);
      if (exit != null) {
        return exit.code();
      }
      throw e;
    }
  }

  /** The name of the component's {@code wasi:cli/run@0.2.x} export. */
  public static String runExport(Component component) {
    for (String name : component.exports().keySet()) {
      if (name.startsWith("wasi:cli/run@0.2.")) {
        return name;
      }
    }
    throw new LinkException(
        "not a command: the component exports no wasi:cli/run@0.2.x (exports: "
            + component.exports().keySet()
            + ")");
  }
}
