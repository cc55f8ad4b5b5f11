package virga.component.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import virga.component.types.FuncType;
import virga.component.types.ResourceType;
import virga.component.types.ValType;

/** Type rewriting and argument splitting for {@link TranscriptRunner}. */
final class Types {
  private Types() {}

  /** {@code f} with every resource in {@code map}'s keys replaced by its value. */
  static FuncType substitute(FuncType f, Map<ResourceType, ResourceType> map) {
    List<FuncType.Param> ps = new ArrayList<>();
    for (FuncType.Param p : f.params()) {
      ps.add(new FuncType.Param(p.name(), substitute(p.type(), map)));
    }
    return new FuncType(ps, f.result() == null ? null : substitute(f.result(), map));
  }

  static ValType substitute(ValType t, Map<ResourceType, ResourceType> map) {
    if (t == null || t instanceof ValType.Primitive) {
      return t;
    } else if (t instanceof ValType.OwnType o) {
      return new ValType.OwnType(map.getOrDefault(o.resource(), o.resource()));
    } else if (t instanceof ValType.BorrowType b) {
      return new ValType.BorrowType(map.getOrDefault(b.resource(), b.resource()));
    } else if (t instanceof ValType.ListType l) {
      return new ValType.ListType(substitute(l.element(), map));
    } else if (t instanceof ValType.OptionType o) {
      return new ValType.OptionType(substitute(o.type(), map));
    } else if (t instanceof ValType.ResultType r) {
      return new ValType.ResultType(substitute(r.ok(), map), substitute(r.err(), map));
    } else if (t instanceof ValType.TupleType tt) {
      return new ValType.TupleType(tt.types().stream().map(x -> substitute(x, map)).toList());
    } else if (t instanceof ValType.RecordType r) {
      return new ValType.RecordType(
          r.fields().stream()
              .map(f -> new ValType.Field(f.name(), substitute(f.type(), map)))
              .toList());
    } else if (t instanceof ValType.VariantType v) {
      return new ValType.VariantType(
          v.cases().stream()
              .map(c -> new ValType.Case(c.name(), substitute(c.type(), map)))
              .toList());
    }
    return t; // enum, flags
  }

  /** Whether {@code t} is or contains an own or borrow handle. */
  static boolean containsHandle(ValType t) {
    if (t == null || t instanceof ValType.Primitive) {
      return false;
    } else if (t instanceof ValType.OwnType || t instanceof ValType.BorrowType) {
      return true;
    } else if (t instanceof ValType.ListType l) {
      return containsHandle(l.element());
    } else if (t instanceof ValType.OptionType o) {
      return containsHandle(o.type());
    } else if (t instanceof ValType.ResultType r) {
      return containsHandle(r.ok()) || containsHandle(r.err());
    } else if (t instanceof ValType.TupleType tt) {
      return tt.types().stream().anyMatch(Types::containsHandle);
    } else if (t instanceof ValType.RecordType r) {
      return r.fields().stream().anyMatch(f -> containsHandle(f.type()));
    } else if (t instanceof ValType.VariantType v) {
      return v.cases().stream().anyMatch(c -> containsHandle(c.type()));
    }
    return false;
  }

  /**
   * Splits a WAVE argument list at its top-level commas (outside brackets, strings and chars); each
   * part trimmed. Blank text is no arguments.
   */
  static List<String> splitArguments(String text) {
    List<String> out = new ArrayList<>();
    if (text.isBlank()) {
      return out;
    }
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'') {
        i = endOfQuoted(text, i, c);
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(text.substring(start, i).strip());
        start = i + 1;
      }
    }
    out.add(text.substring(start).strip());
    return out;
  }

  /** The index of the quote closing the literal opened at {@code open}, or the text's end. */
  private static int endOfQuoted(String text, int open, char quote) {
    for (int i = open + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == quote) {
        return i;
      }
    }
    return text.length();
  }
}
