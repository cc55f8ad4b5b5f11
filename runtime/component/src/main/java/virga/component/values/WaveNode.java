package virga.component.values;

import java.util.List;

/**
 * An untyped WAVE syntax node: its kind, its span in the source, and its children (record nodes
 * alternate label and value children; a variant-with-payload has a label and a payload).
 */
record WaveNode(Kind kind, int start, int end, List<WaveNode> children) {
  /** Syntactic kinds, as wasm-wave distinguishes them. */
  enum Kind {
    TRUE,
    FALSE,
    NUMBER,
    CHAR,
    STRING,
    MULTILINE_STRING,
    TUPLE,
    LIST,
    RECORD,
    FLAGS,
    LABEL,
    VARIANT_PAYLOAD,
    SOME,
    NONE,
    OK,
    ERR
  }

  String text(String src) {
    return src.substring(start, end);
  }

  /** A label's name without the {@code %} keyword escape. */
  String label(String src) {
    String s = text(src);
    return s.startsWith("%") ? s.substring(1) : s;
  }
}
