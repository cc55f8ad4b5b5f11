package virga.component.binary;

import java.util.ArrayList;
import java.util.List;
import virga.component.UnsupportedFeatureException;
import virga.component.core.CoreFuncType;
import virga.component.core.CoreImport;
import virga.component.core.CoreValType;

/** A {@code core:type}: a core function type or a core module type. */
public sealed interface CoreType {

  /** {@code (func (param ..) (result ..))}. */
  record Func(CoreFuncType type) implements CoreType {}

  /** {@code (module decls)}: what a core module imports and exports. */
  record Module(List<ModuleDecl> decls) implements CoreType {
    public Module {
      decls = List.copyOf(decls);
    }
  }

  /** A declarator of a core module type. */
  sealed interface ModuleDecl {}

  /** An import declarator. */
  record ImportDecl(String module, String name, CoreExternDesc desc) implements ModuleDecl {}

  /** A nested core function type declarator. */
  record TypeDecl(CoreType type) implements ModuleDecl {}

  /** An outer alias of a core type. */
  record OuterAliasDecl(int count, int index) implements ModuleDecl {}

  /** An export declarator. */
  record ExportDecl(String name, CoreExternDesc desc) implements ModuleDecl {}

  /** A core {@code importdesc}: the kind, and for functions (and tags) the type index. */
  record CoreExternDesc(CoreImport.Kind kind, int typeIndex) {}

  static CoreType read(ByteReader in, boolean inModuleType) {
    int at = in.position();
    int b = in.u8();
    return switch (b) {
      case 0x60 -> new Func(readFuncType(in));
      case 0x50 -> {
        if (inModuleType) {
          throw in.error("core module types cannot nest", at);
        }
        yield readModule(in);
      }
      case 0x00, 0x4e, 0x4f ->
          throw new UnsupportedFeatureException(
              "core GC types (rec/sub) are not supported", at, in.section());
      case 0x5e, 0x5f ->
          throw new UnsupportedFeatureException(
              "core GC struct/array types are not supported", at, in.section());
      default -> throw in.error(String.format("unknown core type opcode 0x%02x", b), at);
    };
  }

  private static CoreFuncType readFuncType(ByteReader in) {
    return new CoreFuncType(readValTypes(in), readValTypes(in));
  }

  private static List<CoreValType> readValTypes(ByteReader in) {
    int n = in.count("core value type");
    List<CoreValType> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(readValType(in));
    }
    return out;
  }

  static CoreValType readValType(ByteReader in) {
    int at = in.position();
    int b = in.u8();
    return switch (b) {
      case 0x7f -> CoreValType.I32;
      case 0x7e -> CoreValType.I64;
      case 0x7d -> CoreValType.F32;
      case 0x7c -> CoreValType.F64;
      case 0x70, 0x6f -> CoreValType.REF;
      case 0x7b ->
          throw new UnsupportedFeatureException(
              "core v128 values are not supported", at, in.section());
      default -> throw in.error(String.format("unknown core value type 0x%02x", b), at);
    };
  }

  private static Module readModule(ByteReader in) {
    int n = in.count("module type declaration");
    List<ModuleDecl> decls = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int at = in.position();
      int b = in.u8();
      decls.add(
          switch (b) {
            case 0x00 -> new ImportDecl(in.name(), in.name(), readExternDesc(in));
            case 0x01 -> new TypeDecl(read(in, true));
            case 0x02 -> {
              in.expect(0x10, "module type alias sort (only core type)");
              in.expect(0x01, "module type alias target (only outer)");
              yield new OuterAliasDecl(in.index(), in.index());
            }
            case 0x03 -> new ExportDecl(in.name(), readExternDesc(in));
            default ->
                throw in.error(String.format("unknown module type declarator 0x%02x", b), at);
          });
    }
    return new Module(decls);
  }

  private static CoreExternDesc readExternDesc(ByteReader in) {
    int at = in.position();
    int b = in.u8();
    switch (b) {
      case 0x00:
        return new CoreExternDesc(CoreImport.Kind.FUNCTION, in.index());
      case 0x01:
        readValType(in);
        readLimits(in);
        return new CoreExternDesc(CoreImport.Kind.TABLE, -1);
      case 0x02:
        readLimits(in);
        return new CoreExternDesc(CoreImport.Kind.MEMORY, -1);
      case 0x03:
        readValType(in);
        int mut = in.u8();
        if (mut > 1) {
          throw in.error("invalid global mutability " + mut, in.position() - 1);
        }
        return new CoreExternDesc(CoreImport.Kind.GLOBAL, -1);
      case 0x04:
        throw new UnsupportedFeatureException(
            "core exception-handling tags are not supported", at, in.section());
      default:
        throw in.error(String.format("unknown core import kind 0x%02x", b), at);
    }
  }

  private static void readLimits(ByteReader in) {
    int at = in.position();
    int flags = in.u8();
    if (flags > 0x07) {
      throw in.error(String.format("invalid limits flags 0x%02x", flags), at);
    }
    int width = (flags & 0x04) != 0 ? 10 : 5;
    in.skipLeb(width);
    if ((flags & 0x01) != 0) {
      in.skipLeb(width);
    }
  }
}
