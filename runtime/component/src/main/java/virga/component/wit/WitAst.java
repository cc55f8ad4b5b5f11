package virga.component.wit;

import java.util.List;
import java.util.Map;

/** The parsed, unresolved form of the WIT subset WASI 0.2 packages use. */
public final class WitAst {
  private WitAst() {}

  /** A package: {@code ns:name@version} and its interfaces by name (worlds are skipped). */
  public record Package(
      String namespace, String name, String version, Map<String, Interface> interfaces) {
    /** {@code ns:name}. */
    public String id() {
      return namespace + ":" + name;
    }

    /** The qualified name of interface {@code iface}: {@code ns:name/iface@version}. */
    public String qualified(String iface) {
      return id() + "/" + iface + (version == null ? "" : "@" + version);
    }
  }

  /** An interface: its own type definitions, the names it {@code use}s, and its functions. */
  public record Interface(
      String name, Map<String, TypeDef> types, Map<String, Use> uses, List<Func> funcs) {}

  /**
   * A name brought in by {@code use}: from {@code iface} of the same package ({@code pkg} null) or
   * of {@code pkg} ({@code ns:name}), under the original name {@code name}.
   */
  public record Use(String pkg, String iface, String name) {}

  /** A function; {@code kind} says whether it is free, a method, a constructor or static. */
  public record Func(
      String name, FuncKind kind, String resource, List<Param> params, TypeRef result) {
    /** The component-model export name: {@code f}, {@code [method]r.f}, {@code [static]r.f}, … */
    public String exportName() {
      return switch (kind) {
        case FREE -> name;
        case METHOD -> "[method]" + resource + "." + name;
        case STATIC -> "[static]" + resource + "." + name;
        case CONSTRUCTOR -> "[constructor]" + resource;
      };
    }
  }

  /** How a function relates to a resource. */
  public enum FuncKind {
    FREE,
    METHOD,
    STATIC,
    CONSTRUCTOR
  }

  /** A named parameter. */
  public record Param(String name, TypeRef type) {}

  /** A type definition. */
  public sealed interface TypeDef {}

  /** {@code type a = b;}. */
  public record Alias(TypeRef target) implements TypeDef {}

  /** {@code record}. */
  public record Record(List<Param> fields) implements TypeDef {}

  /** {@code variant}; a case's type is null when it has no payload. */
  public record Variant(List<Param> cases) implements TypeDef {}

  /** {@code enum}. */
  public record Enum(List<String> labels) implements TypeDef {}

  /** {@code flags}. */
  public record Flags(List<String> labels) implements TypeDef {}

  /** {@code resource}. */
  public record Resource() implements TypeDef {}

  /** A type expression as written. */
  public sealed interface TypeRef {}

  /** A primitive ({@code u8}, {@code string}, …). */
  public record Prim(String name) implements TypeRef {}

  /** A name of a type defined or used in the interface. */
  public record Named(String name) implements TypeRef {}

  /** {@code list<t>}. */
  public record ListOf(TypeRef element) implements TypeRef {}

  /** {@code option<t>}. */
  public record OptionOf(TypeRef type) implements TypeRef {}

  /** {@code result<ok, err>}; either may be null ({@code _} or omitted). */
  public record ResultOf(TypeRef ok, TypeRef err) implements TypeRef {}

  /** {@code tuple<...>}. */
  public record TupleOf(List<TypeRef> types) implements TypeRef {}

  /** {@code borrow<r>}. */
  public record BorrowOf(String resource) implements TypeRef {}

  /** {@code own<r>}. */
  public record OwnOf(String resource) implements TypeRef {}
}
