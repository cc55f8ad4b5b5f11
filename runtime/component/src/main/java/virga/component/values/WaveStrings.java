package virga.component.values;

/** Decodes WAVE char and string literals (escapes, multi-line strings) and escapes for printing. */
final class WaveStrings {
  private WaveStrings() {}

  /** The value of a char literal node (with its quotes). */
  static int decodeChar(String src, WaveNode n) {
    int s = n.start() + 1;
    int e = n.end() - 1;
    StringBuilder sb = new StringBuilder();
    decodeRange(src, s, e, sb);
    String v = sb.toString();
    if (v.codePointCount(0, v.length()) != 1) {
      throw new WaveException("multiple characters in char value", n.start());
    }
    return v.codePointAt(0);
  }

  /** The value of a string or multi-line string node. */
  static String decodeString(String src, WaveNode n) {
    StringBuilder sb = new StringBuilder();
    if (n.kind() == WaveNode.Kind.STRING) {
      decodeRange(src, n.start() + 1, n.end() - 1, sb);
      return sb.toString();
    }
    int s = n.start() + 3;
    int e = n.end() - 3;
    String body = src.substring(s, e);
    int lineStart = 0;
    if (body.startsWith("\r\n")) {
      lineStart = 2;
    } else if (body.startsWith("\n")) {
      lineStart = 1;
    } else {
      throw new WaveException(
          "invalid multiline string: opening \"\"\" must be followed immediately by newline", s);
    }
    int lastNl = body.lastIndexOf('\n');
    String indent = body.substring(lastNl + 1);
    if (!indent.chars().allMatch(c -> c == ' ')) {
      throw new WaveException(
          "invalid multiline string: closing \"\"\" must be on a line preceded only by spaces", e);
    }
    boolean first = true;
    int p = lineStart;
    while (p <= lastNl) {
      int nl = body.indexOf('\n', p);
      String line = body.substring(p, nl);
      if (!line.startsWith(indent)) {
        throw new WaveException(
            "invalid multiline string: lines must be indented at least as much as closing \"\"\"",
            s + p);
      }
      if (!first) {
        sb.append('\n');
      }
      first = false;
      int ls = s + p + indent.length();
      int le = s + nl;
      if (le > ls && src.charAt(le - 1) == '\r') {
        le--;
      }
      decodeRange(src, ls, le, sb);
      p = nl + 1;
    }
    return sb.toString();
  }

  private static void decodeRange(String src, int s, int e, StringBuilder out) {
    int i = s;
    while (i < e) {
      char c = src.charAt(i);
      if (c != '\\') {
        out.append(c);
        i++;
        continue;
      }
      char k = i + 1 < e ? src.charAt(i + 1) : 0;
      switch (k) {
        case '\\', '\'', '"' -> {
          out.append(k);
          i += 2;
        }
        case 't' -> {
          out.append('\t');
          i += 2;
        }
        case 'n' -> {
          out.append('\n');
          i += 2;
        }
        case 'r' -> {
          out.append('\r');
          i += 2;
        }
        case 'u' -> {
          int close = src.indexOf('}', i);
          if (i + 2 >= e || src.charAt(i + 2) != '{' || close < 0 || close >= e) {
            throw new WaveException("invalid character escape", i);
          }
          String hex = src.substring(i + 3, close);
          if (hex.isEmpty() || hex.length() > 6 || !hex.chars().allMatch(WaveStrings::isHex)) {
            throw new WaveException("invalid character escape", i);
          }
          int cp = Integer.parseInt(hex, 16);
          if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            throw new WaveException("invalid character escape", i);
          }
          out.appendCodePoint(cp);
          i = close + 1;
        }
        default -> throw new WaveException("invalid character escape", i);
      }
    }
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /**
   * Appends {@code cp} escaped as wasm-wave's writer does: backslash, quotes, tab, CR and LF as
   * {@code \x}; control characters as <code>&#92;u{hex}</code>; what Rust's {@code escape_debug}
   * escapes (unprintable categories and combining marks) as <code>&#92;u{hex}</code>; everything
   * else as is.
   */
  static void appendEscaped(StringBuilder sb, int cp) {
    switch (cp) {
      case '\\' -> sb.append("\\\\");
      case '"' -> sb.append("\\\"");
      case '\'' -> sb.append("\\'");
      case '\t' -> sb.append("\\t");
      case '\r' -> sb.append("\\r");
      case '\n' -> sb.append("\\n");
      default -> {
        if (needsUnicodeEscape(cp)) {
          sb.append("\\u{").append(Integer.toHexString(cp)).append('}');
        } else {
          sb.appendCodePoint(cp);
        }
      }
    }
  }

  /**
   * Other_Grapheme_Extend characters outside Mn/Me (Unicode 17 PropList, as ranges): Rust's {@code
   * char::escape_debug}, which wasm-wave uses, escapes every Grapheme_Extend character.
   */
  private static final int[] OTHER_GRAPHEME_EXTEND = {
    0x9be, 0x9be, 0x9d7, 0x9d7, 0xb3e, 0xb3e, 0xb57, 0xb57, 0xbbe, 0xbbe, 0xbd7, 0xbd7, 0xcc0,
    0xcc0, 0xcc2, 0xcc2, 0xcc7, 0xcc8, 0xcca, 0xccb, 0xcd5, 0xcd6, 0xd3e, 0xd3e, 0xd57, 0xd57,
    0xdcf, 0xdcf, 0xddf, 0xddf, 0x1715, 0x1715, 0x1734, 0x1734, 0x1b35, 0x1b35, 0x1b3b, 0x1b3b,
    0x1b3d, 0x1b3d, 0x1b43, 0x1b44, 0x1baa, 0x1baa, 0x1bf2, 0x1bf3, 0x200c, 0x200c, 0x302e, 0x302f,
    0xa953, 0xa953, 0xa9c0, 0xa9c0, 0xff9e, 0xff9f, 0x111c0, 0x111c0, 0x11235, 0x11235, 0x1133e,
    0x1133e, 0x1134d, 0x1134d, 0x11357, 0x11357, 0x113b8, 0x113b8, 0x113c2, 0x113c2, 0x113c5,
    0x113c5, 0x113c7, 0x113c9, 0x113cf, 0x113cf, 0x114b0, 0x114b0, 0x114bd, 0x114bd, 0x115af,
    0x115af, 0x116b6, 0x116b6, 0x11930, 0x11930, 0x1193d, 0x1193d, 0x11f41, 0x11f41, 0x16ff0,
    0x16ff1, 0x1d165, 0x1d166, 0x1d16d, 0x1d172, 0xe0020, 0xe007f
  };

  private static boolean needsUnicodeEscape(int cp) {
    if (cp == ' ') {
      return false;
    }
    for (int i = 0; i < OTHER_GRAPHEME_EXTEND.length && OTHER_GRAPHEME_EXTEND[i] <= cp; i += 2) {
      if (cp <= OTHER_GRAPHEME_EXTEND[i + 1]) {
        return true;
      }
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.UNASSIGNED,
          Character.PRIVATE_USE,
          Character.SURROGATE,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SPACE_SEPARATOR,
          Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK ->
          true;
      default -> false;
    };
  }
}
