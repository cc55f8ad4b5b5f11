package virga.component.wit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the WIT subset the WASI 0.2 packages are written in: one package per file, interfaces with
 * {@code use}, type aliases, records, variants, enums, flags, resources (methods, static functions,
 * constructors) and functions with at most one unnamed result. Worlds are skipped; feature gates
 * ({@code @since}, {@code @unstable}, {@code @deprecated}) are ignored, so unstable items are
 * parsed like stable ones.
 */
public final class WitParser {
  private static final Pattern VERSION =
      Pattern.compile(
          "\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");
  private static final List<String> PRIMITIVES =
      List.of(
          "bool", "s8", "u8", "s16", "u16", "s32", "u32", "s64", "u64", "f32", "f64", "char",
          "string");

  private final String src;
  private int pos;

  private WitParser(String src) {
    this.src = src;
  }

  /** Parses one package file; throws {@link WitException} with the offset of the first error. */
  public static WitAst.Package parse(String source) {
    return new WitParser(source).pkg();
  }

  private WitAst.Package pkg() {
    skipAnnotations();
    keyword("package");
    String ns = ident();
    expect(":");
    String name = ident();
    String version = peek("@") ? versionAfterAt() : null;
    expect(";");
    Map<String, WitAst.Interface> ifaces = new LinkedHashMap<>();
    while (!atEnd()) {
      skipAnnotations();
      String kw = ident();
      String itemName = ident();
      expect("{");
      if (kw.equals("interface")) {
        ifaces.put(itemName, iface(itemName));
      } else if (kw.equals("world")) {
        skipBalanced();
      } else {
        throw error("expected `interface` or `world`, found `" + kw + "`");
      }
    }
    return new WitAst.Package(ns, name, version, ifaces);
  }

  private WitAst.Interface iface(String name) {
    Map<String, WitAst.TypeDef> types = new LinkedHashMap<>();
    Map<String, WitAst.Use> uses = new LinkedHashMap<>();
    List<WitAst.Func> funcs = new ArrayList<>();
    while (!tryExpect("}")) {
      skipAnnotations();
      String kw = ident();
      switch (kw) {
        case "use" -> use(uses);
        case "type" -> {
          String n = ident();
          expect("=");
          types.put(n, new WitAst.Alias(typeRef()));
          expect(";");
        }
        case "record" -> types.put(ident(), new WitAst.Record(fields(true)));
        case "variant" -> types.put(ident(), new WitAst.Variant(fields(false)));
        case "enum" -> types.put(ident(), new WitAst.Enum(labels()));
        case "flags" -> types.put(ident(), new WitAst.Flags(labels()));
        case "resource" -> {
          String r = ident();
          types.put(r, new WitAst.Resource());
          if (!tryExpect(";")) {
            expect("{");
            resourceBody(r, funcs);
          }
        }
        default -> {
          expect(":");
          keyword("func");
          funcs.add(signature(kw, WitAst.FuncKind.FREE, null));
        }
      }
    }
    return new WitAst.Interface(name, types, uses, funcs);
  }

  private void use(Map<String, WitAst.Use> uses) {
    String first = ident();
    String pkg = null;
    String iface = first;
    if (tryExpect(":")) {
      pkg = first + ":" + ident();
      expect("/");
      iface = ident();
      if (peek("@")) {
        versionAfterAt(); // one version per package in a resolved set; the file's own pins it
      }
    }
    expect(".");
    expect("{");
    do {
      if (peek("}")) {
        break;
      }
      String n = ident();
      String as = n;
      if (peekIdent("as")) {
        ident();
        as = ident();
      }
      uses.put(as, new WitAst.Use(pkg, iface, n));
    } while (tryExpect(","));
    expect("}");
    expect(";");
  }

  private void resourceBody(String resource, List<WitAst.Func> funcs) {
    while (!tryExpect("}")) {
      skipAnnotations();
      String n = ident();
      if (n.equals("constructor")) {
        List<WitAst.Param> params = params();
        expect(";");
        funcs.add(
            new WitAst.Func(
                resource,
                WitAst.FuncKind.CONSTRUCTOR,
                resource,
                params,
                new WitAst.OwnOf(resource)));
        continue;
      }
      expect(":");
      WitAst.FuncKind kind = WitAst.FuncKind.METHOD;
      if (peekIdent("static")) {
        ident();
        kind = WitAst.FuncKind.STATIC;
      }
      keyword("func");
      funcs.add(signature(n, kind, resource));
    }
  }

  private WitAst.Func signature(String name, WitAst.FuncKind kind, String resource) {
    List<WitAst.Param> params = params();
    if (kind == WitAst.FuncKind.METHOD) {
      params.add(0, new WitAst.Param("self", new WitAst.BorrowOf(resource)));
    }
    WitAst.TypeRef result = tryExpect("->") ? typeRef() : null;
    expect(";");
    return new WitAst.Func(name, kind, resource, List.copyOf(params), result);
  }

  private List<WitAst.Param> params() {
    expect("(");
    List<WitAst.Param> out = new ArrayList<>();
    while (!tryExpect(")")) {
      String n = ident();
      expect(":");
      out.add(new WitAst.Param(n, typeRef()));
      if (!tryExpect(",")) {
        expect(")");
        break;
      }
    }
    return out;
  }

  /** Record fields ({@code name: type}) or variant cases ({@code name} or {@code name(type)}). */
  private List<WitAst.Param> fields(boolean record) {
    expect("{");
    List<WitAst.Param> out = new ArrayList<>();
    while (!tryExpect("}")) {
      skipAnnotations();
      String n = ident();
      WitAst.TypeRef t = null;
      if (record) {
        expect(":");
        t = typeRef();
      } else if (tryExpect("(")) {
        t = typeRef();
        expect(")");
      }
      out.add(new WitAst.Param(n, t));
      if (!tryExpect(",")) {
        expect("}");
        break;
      }
    }
    return out;
  }

  private List<String> labels() {
    expect("{");
    List<String> out = new ArrayList<>();
    while (!tryExpect("}")) {
      skipAnnotations();
      out.add(ident());
      if (!tryExpect(",")) {
        expect("}");
        break;
      }
    }
    return out;
  }

  private WitAst.TypeRef typeRef() {
    String n = ident();
    if (PRIMITIVES.contains(n)) {
      return new WitAst.Prim(n);
    }
    switch (n) {
      case "list" -> {
        expect("<");
        WitAst.TypeRef e = typeRef();
        expect(">");
        return new WitAst.ListOf(e);
      }
      case "option" -> {
        expect("<");
        WitAst.TypeRef e = typeRef();
        expect(">");
        return new WitAst.OptionOf(e);
      }
      case "borrow", "own" -> {
        expect("<");
        String r = ident();
        expect(">");
        return n.equals("own") ? new WitAst.OwnOf(r) : new WitAst.BorrowOf(r);
      }
      case "tuple" -> {
        expect("<");
        List<WitAst.TypeRef> ts = new ArrayList<>();
        do {
          ts.add(typeRef());
        } while (tryExpect(","));
        expect(">");
        return new WitAst.TupleOf(ts);
      }
      case "result" -> {
        if (!tryExpect("<")) {
          return new WitAst.ResultOf(null, null);
        }
        WitAst.TypeRef ok = tryExpect("_") ? null : typeRef();
        WitAst.TypeRef err = tryExpect(",") ? typeRef() : null;
        expect(">");
        return new WitAst.ResultOf(ok, err);
      }
      default -> {
        return new WitAst.Named(n);
      }
    }
  }

  // ---- lexing ----

  private void skipAnnotations() {
    skipSpace();
    while (peek("@")) {
      pos++;
      ident();
      expect("(");
      int depth = 1;
      while (depth > 0) {
        if (atEnd()) {
          throw error("unterminated annotation");
        }
        char c = src.charAt(pos++);
        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      }
      skipSpace();
    }
  }

  private void skipBalanced() {
    int depth = 1;
    while (depth > 0) {
      skipSpace();
      if (atEnd()) {
        throw error("unterminated block");
      }
      char c = src.charAt(pos++);
      depth += c == '{' ? 1 : c == '}' ? -1 : 0;
    }
  }

  private String versionAfterAt() {
    expect("@");
    Matcher m = VERSION.matcher(src).region(pos, src.length());
    if (!m.lookingAt()) {
      throw error("expected a semver version");
    }
    pos = m.end();
    return m.group();
  }

  private String ident() {
    skipSpace();
    int start = pos;
    if (pos < src.length() && src.charAt(pos) == '%') {
      start = ++pos;
    }
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
        break;
      }
      pos++;
    }
    if (pos == start) {
      throw error("expected an identifier");
    }
    return src.substring(start, pos);
  }

  private void keyword(String kw) {
    int at = pos;
    String got = ident();
    if (!got.equals(kw)) {
      pos = at;
      throw error("expected `" + kw + "`, found `" + got + "`");
    }
  }

  private boolean peekIdent(String kw) {
    skipSpace();
    if (!src.startsWith(kw, pos)) {
      return false;
    }
    int end = pos + kw.length();
    return end >= src.length()
        || !(Character.isLetterOrDigit(src.charAt(end)) || src.charAt(end) == '-');
  }

  private boolean peek(String punct) {
    skipSpace();
    return src.startsWith(punct, pos);
  }

  private boolean tryExpect(String punct) {
    if (peek(punct)) {
      pos += punct.length();
      return true;
    }
    return false;
  }

  private void expect(String punct) {
    if (!tryExpect(punct)) {
      throw error("expected `" + punct + "`");
    }
  }

  private boolean atEnd() {
    skipSpace();
    return pos >= src.length();
  }

  private void skipSpace() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (Character.isWhitespace(c)) {
        pos++;
      } else if (src.startsWith("//", pos)) {
        int nl = src.indexOf('\n', pos);
        pos = nl < 0 ? src.length() : nl + 1;
      } else if (src.startsWith("/*", pos)) {
        int end = src.indexOf("*/", pos + 2);
        if (end < 0) {
          throw new WitException("unterminated comment", pos);
        }
        pos = end + 2;
      } else {
        return;
      }
    }
  }

  private WitException error(String message) {
    return new WitException(message, pos);
  }
}
