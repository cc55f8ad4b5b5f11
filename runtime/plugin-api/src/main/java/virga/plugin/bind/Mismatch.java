package virga.plugin.bind;

/** Why a Java type does not fit a WIT type; collected into the registration error. */
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
