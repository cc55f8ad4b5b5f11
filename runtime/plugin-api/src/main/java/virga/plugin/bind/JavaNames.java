package virga.plugin.bind;

import java.util.Locale;
import java.util.Set;

/** The Java spelling of WIT names in typed bindings (see {@link TypedBindings}). */
final class JavaNames {
  // A WIT name that is a Java keyword gets a trailing underscore: `new: func()` -> `new_()`.
  private static final Set<String> KEYWORDS =
      Set.of(
          "abstract",
          "assert",
          "boolean",
          "break",
          "byte",
          "case",
          "catch",
          "char",
          "class",
          "const",
          "continue",
          "default",
          "do",
          "double",
          "else",
          "enum",
          "extends",
          "final",
          "finally",
          "float",
          "for",
          "goto",
          "if",
          "implements",
          "import",
          "instanceof",
          "int",
          "interface",
          "long",
          "native",
          "new",
          "package",
          "private",
          "protected",
          "public",
          "return",
          "short",
          "static",
          "strictfp",
          "super",
          "switch",
          "synchronized",
          "this",
          "throw",
          "throws",
          "transient",
          "try",
          "void",
          "volatile",
          "while",
          "true",
          "false",
          "null",
          "_");

  private JavaNames() {}

  /** {@code get-all} -> {@code getAll}; a Java keyword gets a trailing {@code _}. */
  static String lowerCamel(String kebab) {
    String[] words = kebab.split("-");
    StringBuilder sb = new StringBuilder(words[0].toLowerCase(Locale.ROOT));
    for (int i = 1; i < words.length; i++) {
      sb.append(capitalized(words[i]));
    }
    String s = sb.toString();
    return KEYWORDS.contains(s) ? s + "_" : s;
  }

  /** {@code not-found} -> {@code NotFound}. */
  static String upperCamel(String kebab) {
    StringBuilder sb = new StringBuilder();
    for (String w : kebab.split("-")) {
      sb.append(capitalized(w));
    }
    return sb.toString();
  }

  /** {@code not-found} -> {@code NOT_FOUND}. */
  static String upperSnake(String kebab) {
    return kebab.replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /**
   * The Java method serving component-model function {@code func}: {@code get-all} -> {@code
   * getAll}, {@code [constructor]r} -> {@code newR}, {@code [method]r.do-it} -> {@code rDoIt},
   * {@code [static]r.f} -> {@code rF}.
   */
  static String method(String func) {
    if (func.startsWith("[constructor]")) {
      return "new" + upperCamel(func.substring("[constructor]".length()));
    }
    if (func.startsWith("[method]") || func.startsWith("[static]")) {
      return lowerCamel(func.substring(func.indexOf(']') + 1).replace('.', '-'));
    }
    return lowerCamel(func);
  }

  private static String capitalized(String w) {
    return w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }
}
