package virga.component.binary;

import java.util.List;
import java.util.Objects;

/**
 * One definition of a component, in binary order. Order matters: each definition appends to an
 * index space that later definitions refer to. {@code offset} is the absolute byte offset of the
 * definition in the outermost binary.
 */
public sealed interface Definition {
  /** Absolute byte offset in the outermost binary. */
  long offset();

  /** The section name used in error messages. */
  String section();

  /** A core module, kept as bytes for the core engine to parse and compile. */
  record CoreModule(byte[] bytes, long offset) implements Definition {
    public CoreModule {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    /** The length without copying. */
    public int size() {
      return bytes.length;
    }

    @Override
    public String section() {
      return "core module";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof CoreModule m
          && m.offset == offset
          && java.util.Arrays.equals(m.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(bytes) * 31 + Long.hashCode(offset);
    }

    @Override
    public String toString() {
      return "CoreModule[" + bytes.length + " bytes @" + offset + "]";
    }
  }

  /** A {@code with name (instance i)} argument of a core instantiation. */
  record CoreArg(String name, int instance) {}

  /** {@code (core instance (instantiate module args))}. */
  record CoreInstantiate(int module, List<CoreArg> args, long offset) implements Definition {
    public CoreInstantiate {
      args = List.copyOf(args);
    }

    @Override
    public String section() {
      return "core instance";
    }
  }

  /** A named core item of an inline export bundle. */
  record CoreInlineExport(String name, SortIdx item) {}

  /** {@code (core instance (export ..)*)}: a bundle of existing core items. */
  record CoreInlineInstance(List<CoreInlineExport> exports, long offset) implements Definition {
    public CoreInlineInstance {
      exports = List.copyOf(exports);
    }

    @Override
    public String section() {
      return "core instance";
    }
  }

  /** {@code (core type ..)}. */
  record CoreTypeDef(CoreType type, long offset) implements Definition {
    @Override
    public String section() {
      return "core type";
    }
  }

  /** A nested component definition. */
  record NestedComponent(ComponentAst component, long offset) implements Definition {
    @Override
    public String section() {
      return "component";
    }
  }

  /** A {@code with name item} argument of a component instantiation. */
  record InstantiateArg(String name, SortIdx item) {}

  /** {@code (instance (instantiate component args))}. */
  record Instantiate(int component, List<InstantiateArg> args, long offset) implements Definition {
    public Instantiate {
      args = List.copyOf(args);
    }

    @Override
    public String section() {
      return "instance";
    }
  }

  /** A named item of an inline component instance. */
  record InlineExport(ExternName name, SortIdx item) {}

  /** {@code (instance (export ..)*)}: a bundle of existing items. */
  record InlineInstance(List<InlineExport> exports, long offset) implements Definition {
    public InlineInstance {
      exports = List.copyOf(exports);
    }

    @Override
    public String section() {
      return "instance";
    }
  }

  /** {@code (alias target (sort))}. */
  record Alias(Sort sort, AliasTarget target, long offset) implements Definition {
    public Alias {
      Objects.requireNonNull(sort, "sort");
      Objects.requireNonNull(target, "target");
    }

    @Override
    public String section() {
      return "alias";
    }
  }

  /** {@code (type ..)}. */
  record Type(DefType type, long offset) implements Definition {
    @Override
    public String section() {
      return "type";
    }
  }

  /** A canonical definition. */
  record CanonDef(Canon canon, long offset) implements Definition {
    @Override
    public String section() {
      return "canon";
    }
  }

  /** {@code (import name desc)}. */
  record Import(ExternName name, ExternDesc desc, long offset) implements Definition {
    @Override
    public String section() {
      return "import";
    }
  }

  /** {@code (export name item desc?)}; {@code ascribed} is the optional type ascription. */
  record Export(ExternName name, SortIdx item, ExternDesc ascribed, long offset)
      implements Definition {
    @Override
    public String section() {
      return "export";
    }
  }
}
