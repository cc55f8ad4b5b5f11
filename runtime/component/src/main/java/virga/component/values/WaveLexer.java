package virga.component.values;

/**
 * Splits WAVE text into tokens, skipping whitespace and {@code //} line comments. Token rules
 * follow wasm-wave's lexer: numbers {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?} and
 * {@code -inf}; labels {@code %?word(-word)*}; char, string and multi-line string literals.
 */
final class WaveLexer {
  enum Tok {
    LBRACE,
    RBRACE,
    LPAREN,
    RPAREN,
    LBRACKET,
    RBRACKET,
    COLON,
    COMMA,
    NUMBER,
    LABEL,
    CHAR,
    STRING,
    MULTILINE_STRING,
    EOF
  }

  private final String src;
  private int pos;
  Tok tok;
  int start;
  int end;

  WaveLexer(String src, int pos) {
    this.src = src;
    this.pos = pos;
  }

  String source() {
    return src;
  }

  String slice() {
    return src.substring(start, end);
  }

  /** Peeks at the kind of the next token without consuming it. */
  Tok peek() {
    int saveP = pos;
    int saveS = start;
    int saveE = end;
    Tok saveT = tok;
    try {
      return next();
    } catch (WaveException e) {
      return null;
    } finally {
      pos = saveP;
      start = saveS;
      end = saveE;
      tok = saveT;
    }
  }

  Tok next() {
    skipTrivia();
    start = pos;
    if (pos >= src.length()) {
      end = pos;
      return tok = Tok.EOF;
    }
    char c = src.charAt(pos);
    Tok t =
        switch (c) {
          case '{' -> Tok.LBRACE;
          case '}' -> Tok.RBRACE;
          case '(' -> Tok.LPAREN;
          case ')' -> Tok.RPAREN;
          case '[' -> Tok.LBRACKET;
          case ']' -> Tok.RBRACKET;
          case ':' -> Tok.COLON;
          case ',' -> Tok.COMMA;
          default -> null;
        };
    if (t != null) {
      pos++;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      t = number();
    } else if (c == '%' || isWordStart(c)) {
      t = label();
    } else if (c == '\'') {
      t = charLiteral();
    } else if (c == '"') {
      t = src.startsWith("\"\"\"", pos) ? multiline() : string();
    } else {
      throw new WaveException("invalid token", pos);
    }
    end = pos;
    return tok = t;
  }

  private void skipTrivia() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else if (src.startsWith("//", pos)) {
        while (pos < src.length() && src.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private Tok number() {
    int s = pos;
    if (src.startsWith("-inf", pos) && !isLabelChar(at(pos + 4))) {
      pos += 4;
      return Tok.NUMBER;
    }
    if (at(pos) == '-') {
      pos++;
    }
    if (at(pos) == '0') {
      pos++;
    } else if (isDigit(at(pos))) {
      while (isDigit(at(pos))) {
        pos++;
      }
    } else {
      throw new WaveException("invalid token", s);
    }
    if (at(pos) == '.' && isDigit(at(pos + 1))) {
      pos++;
      while (isDigit(at(pos))) {
        pos++;
      }
    }
    if (at(pos) == 'e' || at(pos) == 'E') {
      int p = pos + 1;
      if (at(p) == '+' || at(p) == '-') {
        p++;
      }
      if (isDigit(at(p))) {
        pos = p;
        while (isDigit(at(pos))) {
          pos++;
        }
      }
    }
    return Tok.NUMBER;
  }

  private Tok label() {
    int s = pos;
    if (at(pos) == '%') {
      pos++;
    }
    if (!isWordStart(at(pos))) {
      throw new WaveException("invalid token", s);
    }
    boolean upper = Character.isUpperCase(at(pos));
    word(upper);
    while (at(pos) == '-') {
      pos++;
      char c = at(pos);
      if (!isDigit(c) && !isWordStart(c)) {
        throw new WaveException("invalid token", s);
      }
      word(Character.isUpperCase(c));
    }
    return Tok.LABEL;
  }

  private void word(boolean upper) {
    while (true) {
      char c = at(pos);
      if (isDigit(c) || (upper ? (c >= 'A' && c <= 'Z') : (c >= 'a' && c <= 'z'))) {
        pos++;
      } else {
        return;
      }
    }
  }

  private Tok charLiteral() {
    int s = pos;
    pos++;
    if (at(pos) == '\\') {
      pos += escapeLength(pos);
    } else {
      int cp = src.codePointAt(pos);
      if (cp == '\'' || cp == '\n') {
        throw new WaveException("invalid token", s);
      }
      pos += Character.charCount(cp);
    }
    if (at(pos) != '\'') {
      throw new WaveException("invalid token", s);
    }
    pos++;
    return Tok.CHAR;
  }

  private Tok string() {
    int s = pos;
    pos++;
    while (true) {
      char c = at(pos);
      if (pos >= src.length() || c == '\n') {
        throw new WaveException("invalid token", s);
      }
      if (c == '"') {
        pos++;
        return Tok.STRING;
      }
      pos += c == '\\' ? escapeLength(pos) : 1;
    }
  }

  private Tok multiline() {
    int close = src.indexOf("\"\"\"", pos + 3);
    if (close < 0) {
      throw new WaveException("invalid token", pos);
    }
    pos = close + 3;
    return Tok.MULTILINE_STRING;
  }

  /** The length of the escape at {@code p}; validity of its value is checked when decoded. */
  private int escapeLength(int p) {
    char e = at(p + 1);
    if ("'\"tnr\\".indexOf(e) >= 0 && e != 0) {
      return 2;
    }
    if (e == 'u' && at(p + 2) == '{') {
      int q = p + 3;
      while (isHex(at(q)) && q - (p + 3) < 6) {
        q++;
      }
      if (q > p + 3 && at(q) == '}') {
        return q + 1 - p;
      }
    }
    throw new WaveException("invalid token", p);
  }

  private char at(int p) {
    return p < src.length() ? src.charAt(p) : 0;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isWordStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isLabelChar(char c) {
    return isWordStart(c) || isDigit(c) || c == '-';
  }
}
