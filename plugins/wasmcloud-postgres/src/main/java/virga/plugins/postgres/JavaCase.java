package virga.plugins.postgres;

/** The WIT case name of a {@link PgValue} ({@code Int8Array} → {@code int8-array}) for messages. */
final class JavaCase {
  private JavaCase() {}

  static String witName(PgValue v) {
    String simple = v.getClass().getSimpleName();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < simple.length(); i++) {
      char c = simple.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        out.append('-');
      }
      out.append(Character.toLowerCase(c));
    }
    return out.toString();
  }
}
