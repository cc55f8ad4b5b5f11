package virga.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/**
 * Decides what happens when the binaries of a server are missing: locally the tests are skipped, on
 * CI (environment variable {@code CI=true}) they fail, so a broken CI image cannot pass green.
 */
public final class Prerequisites {

  /** What to tell the user to do about missing binaries. */
  public static final String INSTALL_HINT = "run scripts/install-prereqs.sh";

  private Prerequisites() {}

  /**
   * Returns "enabled" when every path is an executable file, "disabled" with the reason otherwise,
   * or throws {@link MissingPrerequisiteException} when {@code env} says we run on CI.
   */
  public static ConditionEvaluationResult check(
      String what, List<Path> binaries, UnaryOperator<String> env) {
    List<Path> missing = binaries.stream().filter(p -> !Files.isExecutable(p)).toList();
    if (missing.isEmpty()) {
      return ConditionEvaluationResult.enabled(what + " binaries found");
    }
    String message = what + " binaries not found at " + missing + "; " + INSTALL_HINT;
    if (isCi(env)) {
      throw new MissingPrerequisiteException(message);
    }
    return ConditionEvaluationResult.disabled(message);
  }

  /** Same as {@link #check(String, List, UnaryOperator)} with the process environment. */
  public static ConditionEvaluationResult check(String what, List<Path> binaries) {
    return check(what, binaries, System::getenv);
  }

  static boolean isCi(UnaryOperator<String> env) {
    return "true".equalsIgnoreCase(env.apply("CI"));
  }

  /** A setting from the system property, else the environment variable, else the default. */
  static String setting(String name, String fallback) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      value = System.getenv(name);
    }
    return value == null || value.isBlank() ? fallback : value;
  }
}
