package virga.testsupport;

/** Exit code and captured output of a finished command. */
public record CommandResult(int exitCode, String stdout, String stderr) {

  /** Whether the command exited with 0. */
  public boolean succeeded() {
    return exitCode == 0;
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
  }
}
