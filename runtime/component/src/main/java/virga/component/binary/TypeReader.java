package virga.component.binary;

import java.util.ArrayList;
import java.util.List;
import virga.component.UnsupportedFeatureException;
import virga.component.types.ValType;

/** Reads component {@code type} definitions and the declarators of component/instance types. */
final class TypeReader {
  /** Deep enough for any real component; shallow enough that a hostile input cannot overflow. */
  static final int MAX_DEPTH = 64;

  private TypeReader() {}

  static DefType read(ByteReader in, int depth) {
    int at = in.position();
    if (depth > MAX_DEPTH) {
      throw in.error("types nest deeper than " + MAX_DEPTH + " levels", at);
    }
    int b = in.u8();
    ValType.Primitive prim = ValTypeRef.primitive(b);
    if (prim != null) {
      return new DefType.Prim(prim);
    }
    return switch (b) {
      case 0x72 -> new DefType.Record(nonEmpty(in, labeled(in, "record field"), "record", at));
      case 0x71 -> new DefType.Variant(nonEmpty(in, cases(in), "variant", at));
      case 0x70 -> new DefType.ListOf(ValTypeRef.read(in));
      case 0x6f -> new DefType.Tuple(nonEmpty(in, valTypes(in), "tuple", at));
      case 0x6e -> new DefType.Flags(nonEmpty(in, labels(in, "flag"), "flags", at));
      case 0x6d -> new DefType.Enum(nonEmpty(in, labels(in, "enum case"), "enum", at));
      case 0x6b -> new DefType.Option(ValTypeRef.read(in));
      case 0x6a -> new DefType.Result(ValTypeRef.readOptional(in), ValTypeRef.readOptional(in));
      case 0x69 -> new DefType.Own(in.index());
      case 0x68 -> new DefType.Borrow(in.index());
      case 0x67 ->
          throw new UnsupportedFeatureException(
              "fixed-size lists are not supported", at, in.section());
      case 0x66 -> throw async("stream type", at, in);
      case 0x65 -> throw async("future type", at, in);
      case 0x64 -> throw async("error-context type", at, in);
      case 0x43 -> throw async("async func type", at, in);
      case 0x3f -> readResource(in);
      case 0x40 -> readFunc(in);
      case 0x41 -> new DefType.ComponentType(decls(in, depth, true));
      case 0x42 -> new DefType.InstanceType(decls(in, depth, false));
      default -> throw in.error(String.format("unknown type opcode 0x%02x", b), at);
    };
  }

  static UnsupportedFeatureException async(String what, int at, ByteReader in) {
    return new UnsupportedFeatureException(
        "component-model async is not supported: " + what, at, in.section());
  }

  private static <T> List<T> nonEmpty(ByteReader in, List<T> items, String what, int at) {
    if (items.isEmpty()) {
      throw in.error(what + " type must not be empty", at);
    }
    return items;
  }

  private static DefType readResource(ByteReader in) {
    in.expect(0x7f, "resource representation (only i32)");
    int at = in.position();
    int b = in.u8();
    return switch (b) {
      case 0x00 -> new DefType.Resource(null);
      case 0x01 -> new DefType.Resource(in.index());
      default -> throw in.error(String.format("invalid resource destructor flag 0x%02x", b), at);
    };
  }

  private static DefType readFunc(ByteReader in) {
    List<DefType.Labeled> params = labeled(in, "parameter");
    int at = in.position();
    int b = in.u8();
    return switch (b) {
      case 0x00 -> new DefType.Func(params, ValTypeRef.read(in));
      case 0x01 -> {
        int n = in.count("named result");
        if (n != 0) {
          throw new UnsupportedFeatureException(
              "functions with named results are not supported", at, in.section());
        }
        yield new DefType.Func(params, null);
      }
      default -> throw in.error(String.format("invalid function result list 0x%02x", b), at);
    };
  }

  private static List<DefType.Labeled> labeled(ByteReader in, String what) {
    int n = in.count(what);
    List<DefType.Labeled> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new DefType.Labeled(in.name(), ValTypeRef.read(in)));
    }
    return out;
  }

  private static List<DefType.Case> cases(ByteReader in) {
    int n = in.count("variant case");
    List<DefType.Case> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String label = in.name();
      ValTypeRef type = ValTypeRef.readOptional(in);
      int at = in.position();
      int refines = in.u8();
      if (refines == 0x01) {
        // the retired `refines` clause: read and ignore the case index
        in.index();
      } else if (refines != 0x00) {
        throw in.error(String.format("invalid variant case terminator 0x%02x", refines), at);
      }
      out.add(new DefType.Case(label, type));
    }
    return out;
  }

  private static List<ValTypeRef> valTypes(ByteReader in) {
    int n = in.count("tuple element");
    List<ValTypeRef> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(ValTypeRef.read(in));
    }
    return out;
  }

  private static List<String> labels(ByteReader in, String what) {
    int n = in.count(what);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(in.name());
    }
    return out;
  }

  private static List<Decl> decls(ByteReader in, int depth, boolean component) {
    int n = in.count("type declarator");
    List<Decl> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int at = in.position();
      int b = in.u8();
      out.add(
          switch (b) {
            case 0x00 -> new Decl.CoreTypeDecl(CoreType.read(in, false));
            case 0x01 -> new Decl.TypeDecl(read(in, depth + 1));
            case 0x02 -> new Decl.AliasDecl(Sort.read(in), AliasTarget.read(in));
            case 0x03 -> {
              if (!component) {
                throw in.error("instance types cannot declare imports", at);
              }
              yield new Decl.ImportDecl(ExternName.read(in), ExternDesc.read(in));
            }
            case 0x04 -> new Decl.ExportDecl(ExternName.read(in), ExternDesc.read(in));
            default -> throw in.error(String.format("unknown type declarator 0x%02x", b), at);
          });
    }
    return out;
  }
}
