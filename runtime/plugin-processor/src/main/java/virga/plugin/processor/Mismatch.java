package virga.plugin.processor;

/**
 * Why a Java type does not fit a WIT type; the reasons are worded as {@code
 * virga.plugin.bind.Mismatch}'s.
 */
final class Mismatch extends Exception {
  private static final long serialVersionUID = 1L;

  Mismatch(String reason) {
    super(reason, null, false, false);
  }

  /** This reason under {@code where} ({@code parameter key: ...}). */
  Mismatch at(String where) {
    return new Mismatch(where + ": " + getMessage());
  }
}
