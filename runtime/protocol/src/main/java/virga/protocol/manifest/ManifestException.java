package virga.protocol.manifest;

import java.util.List;

/**
 * A manifest cannot be run: each problem is one line that names the file and line, the object, the
 * field path, what is wrong and what to do. The message is the problems, one per line.
 */
public class ManifestException extends Exception {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /** One problem. */
  public ManifestException(String problem) {
    this(List.of(problem));
  }

  /** Several problems, in file order. */
  public ManifestException(List<String> problems) {
    super(String.join("\n", problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ManifestException needs a problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** The problems, one line each. */
  public List<String> problems() {
    return problems;
  }
}
