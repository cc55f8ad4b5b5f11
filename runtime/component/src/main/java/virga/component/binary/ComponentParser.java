package virga.component.binary;

import java.util.ArrayList;
import java.util.List;
import virga.component.MalformedComponentException;
import virga.component.UnsupportedFeatureException;

/**
 * Decodes and validates a component binary into a {@link ComponentAst}. Core modules are kept as
 * bytes; the core engine parses them. Every failure is a {@link MalformedComponentException} (or
 * its {@link UnsupportedFeatureException} subclass) naming the absolute byte offset and section.
 */
public final class ComponentParser {
  /** The component binary version this parser reads (Binary.md: 0x0d 0x00). */
  public static final int VERSION = 0x0d;

  /** The most components may nest; bounds recursion on hostile input. */
  public static final int MAX_NESTING = 32;

  private static final String[] SECTION_NAMES = {
    "custom",
    "core module",
    "core instance",
    "core type",
    "component",
    "instance",
    "alias",
    "type",
    "canon",
    "start",
    "import",
    "export",
    "value"
  };

  private ComponentParser() {}

  /** Decodes {@code bytes} and validates every index against its index space. */
  public static ComponentAst parse(byte[] bytes) {
    ByteReader in = new ByteReader(bytes, 0, bytes.length, null);
    ComponentAst ast = readComponent(in, 0);
    in.expectEnd("component");
    IndexValidator.validate(ast);
    return ast;
  }

  /**
   * True when {@code bytes} start with a core module preamble (layer 0) rather than a component.
   */
  public static boolean isCoreModule(byte[] bytes) {
    return bytes.length >= 8
        && bytes[0] == 0
        && bytes[1] == 'a'
        && bytes[2] == 's'
        && bytes[3] == 'm'
        && bytes[6] == 0
        && bytes[7] == 0;
  }

  private static ComponentAst readComponent(ByteReader in, int depth) {
    readPreamble(in);
    List<Definition> defs = new ArrayList<>();
    List<CustomSection> customs = new ArrayList<>();
    ComponentNames names = ComponentNames.EMPTY;
    while (!in.atEnd()) {
      int idAt = in.position();
      int id = in.u8();
      if (id >= SECTION_NAMES.length) {
        throw in.error(String.format("unknown section id 0x%02x", id), idAt);
      }
      String name = SECTION_NAMES[id];
      int sizeAt = in.position();
      int size;
      try {
        size = in.index();
      } catch (MalformedComponentException e) {
        // the id was read: name that section rather than the enclosing one
        throw new MalformedComponentException(e.reason(), e.offset(), name);
      }
      if (size > in.remaining()) {
        throw new MalformedComponentException(
            "section size " + size + " exceeds the " + in.remaining() + " bytes left",
            sizeAt,
            name);
      }
      ByteReader s = in.sub(size, name);
      switch (id) {
        case 0 -> {
          CustomSection c = new CustomSection(s.name(), s.bytes(s.remaining()), idAt);
          if (c.name().equals("component-name")) {
            byte[] data = c.data();
            names = ComponentNames.decode(new ByteReader(data, 0, data.length, "custom"));
          }
          customs.add(c);
        }
        case 1 -> defs.add(readCoreModule(s));
        case 2 -> readVec(s, "core instance", () -> defs.add(readCoreInstance(s)));
        case 3 -> readVec(s, "core type", () -> defs.add(readCoreType(s)));
        case 4 -> {
          if (depth + 1 > MAX_NESTING) {
            throw s.error("components nest deeper than " + MAX_NESTING + " levels");
          }
          int at = s.position();
          defs.add(new Definition.NestedComponent(readComponent(s, depth + 1), at));
        }
        case 5 -> readVec(s, "instance", () -> defs.add(readInstance(s)));
        case 6 -> readVec(s, "alias", () -> defs.add(readAlias(s)));
        case 7 -> readVec(s, "type", () -> defs.add(readType(s)));
        case 8 -> readVec(s, "canon", () -> defs.add(readCanon(s)));
        case 9 ->
            // Binary.md gates the start section with 🪙 (value imports/exports and the
            // component-level start function), like the value section below.
            throw new UnsupportedFeatureException(
                "start definitions are not supported (component-level start functions and values"
                    + " are a gated feature)",
                idAt,
                SECTION_NAMES[id]);
        case 10 -> readVec(s, "import", () -> defs.add(readImport(s)));
        case 11 -> readVec(s, "export", () -> defs.add(readExport(s)));
        default ->
            throw new UnsupportedFeatureException(
                "value definitions are not supported (component-level start functions and values"
                    + " are a gated feature)",
                idAt,
                SECTION_NAMES[id]);
      }
      s.expectEnd(SECTION_NAMES[id] + " section");
    }
    return new ComponentAst(defs, customs, names);
  }

  private static void readPreamble(ByteReader in) {
    int at = in.position();
    if (in.remaining() < 8) {
      throw in.error("too short for a component preamble (8 bytes)", at);
    }
    if (in.u8() != 0x00 || in.u8() != 'a' || in.u8() != 's' || in.u8() != 'm') {
      throw in.error("bad magic: not a WebAssembly binary", at);
    }
    int version = in.u8() | (in.u8() << 8);
    int layer = in.u8() | (in.u8() << 8);
    if (layer == 0) {
      throw in.error("this is a core module (layer 0), not a component", at + 6);
    }
    if (layer != 1) {
      throw in.error("unknown layer " + layer, at + 6);
    }
    if (version != VERSION) {
      throw in.error(
          String.format("unsupported component version 0x%02x (expected 0x%02x)", version, VERSION),
          at + 4);
    }
  }

  private static void readVec(ByteReader s, String what, Runnable item) {
    int n = s.count(what);
    for (int i = 0; i < n; i++) {
      item.run();
    }
  }

  private static Definition readCoreModule(ByteReader s) {
    int at = s.position();
    if (s.remaining() < 8) {
      throw s.error("core module is too short for its preamble", at);
    }
    byte[] bytes = s.bytes(s.remaining());
    if (!isCoreModule(bytes) || bytes[4] != 1 || bytes[5] != 0) {
      throw s.error("core module section does not hold a version-1 core module", at);
    }
    return new Definition.CoreModule(bytes, at);
  }

  private static Definition readCoreInstance(ByteReader s) {
    int at = s.position();
    int b = s.u8();
    switch (b) {
      case 0x00 -> {
        int module = s.index();
        int n = s.count("core instantiate argument");
        List<Definition.CoreArg> args = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          String name = s.name();
          s.expect(0x12, "core instantiate argument sort (only instance)");
          args.add(new Definition.CoreArg(name, s.index()));
        }
        return new Definition.CoreInstantiate(module, args, at);
      }
      case 0x01 -> {
        int n = s.count("core inline export");
        List<Definition.CoreInlineExport> exports = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          exports.add(new Definition.CoreInlineExport(s.name(), SortIdx.readCore(s)));
        }
        return new Definition.CoreInlineInstance(exports, at);
      }
      default -> throw s.error(String.format("unknown core instance kind 0x%02x", b), at);
    }
  }

  private static Definition readInstance(ByteReader s) {
    int at = s.position();
    int b = s.u8();
    switch (b) {
      case 0x00 -> {
        int component = s.index();
        int n = s.count("instantiate argument");
        List<Definition.InstantiateArg> args = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          args.add(new Definition.InstantiateArg(s.name(), SortIdx.read(s)));
        }
        return new Definition.Instantiate(component, args, at);
      }
      case 0x01 -> {
        int n = s.count("inline export");
        List<Definition.InlineExport> exports = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          exports.add(new Definition.InlineExport(ExternName.read(s), SortIdx.read(s)));
        }
        return new Definition.InlineInstance(exports, at);
      }
      default -> throw s.error(String.format("unknown instance kind 0x%02x", b), at);
    }
  }

  private static Definition readAlias(ByteReader s) {
    int at = s.position();
    return new Definition.Alias(Sort.read(s), AliasTarget.read(s), at);
  }

  private static Definition readCoreType(ByteReader s) {
    int at = s.position();
    return new Definition.CoreTypeDef(CoreType.read(s, false), at);
  }

  private static Definition readType(ByteReader s) {
    int at = s.position();
    return new Definition.Type(TypeReader.read(s, 0), at);
  }

  private static Definition readCanon(ByteReader s) {
    int at = s.position();
    return new Definition.CanonDef(Canon.read(s), at);
  }

  private static Definition readImport(ByteReader s) {
    int at = s.position();
    return new Definition.Import(ExternName.read(s), ExternDesc.read(s), at);
  }

  private static Definition readExport(ByteReader s) {
    int at = s.position();
    ExternName name = ExternName.read(s);
    SortIdx item = SortIdx.read(s);
    int optAt = s.position();
    int opt = s.u8();
    ExternDesc ascribed =
        switch (opt) {
          case 0x00 -> null;
          case 0x01 -> ExternDesc.read(s);
          default -> throw s.error(String.format("invalid export type flag 0x%02x", opt), optAt);
        };
    return new Definition.Export(name, item, ascribed, at);
  }
}
