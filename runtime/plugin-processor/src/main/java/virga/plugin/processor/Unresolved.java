package virga.plugin.processor;

/**
 * A type the compiler has not resolved (yet): another processor may generate it in a later round,
 * or javac reports it as missing. Either way this round cannot judge the class.
 */
final class Unresolved extends RuntimeException {
  private static final long serialVersionUID = 1L;

  Unresolved() {
    super(null, null, false, false);
  }
}
