package virga.component.values;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import virga.component.values.WaveLexer.Tok;
import virga.component.values.WaveNode.Kind;

/** Parses WAVE text into untyped {@link WaveNode}s, the way wasm-wave's parser does. */
final class WaveParser {
  /** Nesting deeper than this is rejected instead of risking a stack overflow. */
  static final int MAX_DEPTH = 100;

  private final WaveLexer lex;
  private int depth;

  WaveParser(String src, int pos) {
    this.lex = new WaveLexer(src, pos);
  }

  WaveLexer lexer() {
    return lex;
  }

  /** Parses one value and requires the end of input after it. */
  static WaveNode parseAll(String src) {
    WaveParser p = new WaveParser(src, 0);
    WaveNode n = p.node();
    p.finish();
    return n;
  }

  void finish() {
    if (lex.next() != Tok.EOF) {
      throw new WaveException("trailing characters", lex.start);
    }
  }

  WaveNode node() {
    if (depth >= MAX_DEPTH) {
      throw new WaveException("nesting too deep", lex.start);
    }
    depth++;
    try {
      return nodeInner();
    } finally {
      depth--;
    }
  }

  private WaveNode nodeInner() {
    Tok t = advance();
    int s = lex.start;
    switch (t) {
      case NUMBER:
        return leaf(Kind.NUMBER);
      case CHAR:
        return leaf(Kind.CHAR);
      case STRING:
        return leaf(Kind.STRING);
      case MULTILINE_STRING:
        return leaf(Kind.MULTILINE_STRING);
      case LPAREN:
        return tuple(s);
      case LBRACKET:
        {
          List<WaveNode> elements = commaSeparated(Tok.RBRACKET);
          return new WaveNode(Kind.LIST, s, lex.end, elements);
        }
      case LBRACE:
        return recordOrFlags(s);
      case LABEL:
        switch (lex.slice()) {
          case "true":
            return leaf(Kind.TRUE);
          case "false":
            return leaf(Kind.FALSE);
          case "inf":
          case "nan":
            return leaf(Kind.NUMBER);
          case "some":
            {
              expect(advance(), Tok.LPAREN);
              WaveNode payload = node();
              expect(advance(), Tok.RPAREN);
              return new WaveNode(Kind.SOME, s, lex.end, List.of(payload));
            }
          case "none":
            return leaf(Kind.NONE);
          case "ok":
            return result(Kind.OK, s);
          case "err":
            return result(Kind.ERR, s);
          default:
            return labelMaybePayload(s);
        }
      default:
        throw unexpected();
    }
  }

  private WaveNode tuple(int s) {
    List<WaveNode> children = commaSeparated(Tok.RPAREN);
    if (children.isEmpty()) {
      throw new WaveException("empty tuple", s);
    }
    return new WaveNode(Kind.TUPLE, s, lex.end, children);
  }

  /**
   * After an opening token: values separated by commas (a trailing comma allowed), then {@code
   * end}.
   */
  List<WaveNode> commaSeparated(Tok endTok) {
    List<WaveNode> nodes = new ArrayList<>();
    if (lex.peek() == endTok) {
      advance();
      return nodes;
    }
    while (true) {
      nodes.add(node());
      Tok t = advance();
      if (t == Tok.COMMA) {
        if (lex.peek() == endTok) {
          advance();
          return nodes;
        }
      } else {
        expect(t, endTok);
        return nodes;
      }
    }
  }

  private WaveNode recordOrFlags(int s) {
    Tok t = advance();
    if (t == Tok.COLON) {
      expect(advance(), Tok.RBRACE);
      return new WaveNode(Kind.RECORD, s, lex.end, List.of());
    }
    if (t == Tok.RBRACE) {
      return new WaveNode(Kind.FLAGS, s, lex.end, List.of());
    }
    boolean record = lex.peek() == Tok.COLON;
    List<WaveNode> children = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    while (true) {
      expect(lex.tok, Tok.LABEL);
      WaveNode label = leaf(Kind.LABEL);
      String name = label.label(lex.source());
      if (!seen.add(name)) {
        throw new WaveException(
            (record ? "duplicate field " : "duplicate flag ") + '"' + name + '"', label.start());
      }
      children.add(label);
      if (record) {
        expect(advance(), Tok.COLON);
        children.add(node());
      }
      if (advance() == Tok.COMMA) {
        advance();
      }
      if (lex.tok == Tok.RBRACE) {
        break;
      }
    }
    return new WaveNode(record ? Kind.RECORD : Kind.FLAGS, s, lex.end, children);
  }

  private WaveNode labelMaybePayload(int s) {
    WaveNode label = leaf(Kind.LABEL);
    if (lex.peek() == Tok.LPAREN) {
      advance();
      WaveNode payload = node();
      expect(advance(), Tok.RPAREN);
      return new WaveNode(Kind.VARIANT_PAYLOAD, s, lex.end, List.of(label, payload));
    }
    return label;
  }

  private WaveNode result(Kind kind, int s) {
    if (lex.peek() == Tok.LPAREN) {
      advance();
      WaveNode payload = node();
      expect(advance(), Tok.RPAREN);
      return new WaveNode(kind, s, lex.end, List.of(payload));
    }
    return new WaveNode(kind, s, lex.end, List.of());
  }

  Tok advance() {
    Tok t = lex.next();
    if (t == Tok.EOF) {
      throw new WaveException("unexpected end of input", lex.start);
    }
    return t;
  }

  void expect(Tok got, Tok want) {
    if (got != want) {
      throw unexpected();
    }
  }

  private WaveException unexpected() {
    return new WaveException("unexpected token " + lex.tok + " '" + lex.slice() + "'", lex.start);
  }

  private WaveNode leaf(Kind k) {
    return new WaveNode(k, lex.start, lex.end, List.of());
  }
}
