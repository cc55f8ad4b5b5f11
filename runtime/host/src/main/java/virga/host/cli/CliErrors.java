package virga.host.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import virga.component.LinkException;
import virga.component.MalformedComponentException;
import virga.component.TrapException;
import virga.component.UnsupportedFeatureException;
import virga.component.values.ValueTypeException;
import virga.component.values.WaveException;

/**
 * Turns failures into one-line messages that say what went wrong and what to do, and into distinct
 * exit codes: 1 the guest trapped, 2 bad usage or input, 3 the component cannot be linked.
 */
final class CliErrors implements CommandLine.IExecutionExceptionHandler {
  static final int TRAP = 1;
  static final int BAD_INPUT = 2;
  static final int LINK = 3;

  @Override
  public int handleExecutionException(
      Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
    var err = cmd.getErr();
    if (e instanceof NoSuchFileException nf) {
      err.println("error: no such file: " + nf.getFile());
      return BAD_INPUT;
    }
    if (e instanceof IOException io) {
      err.println("error: cannot read the component: " + io.getMessage());
      return BAD_INPUT;
    }
    if (e instanceof UnsupportedFeatureException u) {
      err.println("error: the component uses a feature this host does not run: " + u.getMessage());
      return BAD_INPUT;
    }
    if (e instanceof MalformedComponentException m) {
      err.println("error: not a valid WebAssembly component: " + m.getMessage());
      return BAD_INPUT;
    }
    if (e instanceof ValueTypeException || e instanceof WaveException) {
      err.println("error: " + e.getMessage());
      return BAD_INPUT;
    }
    if (e instanceof LinkException l) {
      err.println("error: cannot instantiate the component: " + l.getMessage());
      String provided =
          "invoke".equals(cmd.getCommandName()) ? "no imports" : "the WASI 0.2 interfaces only";
      err.println(
          "hint: `host "
              + cmd.getCommandName()
              + "` provides "
              + provided
              + "; list the component's imports with `host inspect COMPONENT`");
      return LINK;
    }
    if (e instanceof TrapException t) {
      err.println("error: the guest trapped: " + t.getMessage());
      return TRAP;
    }
    throw new IllegalStateException(e);
  }
}
