package virga.component.binary;

/** A declarator inside a component type or an instance type. */
public sealed interface Decl {
  /** A core type definition. */
  record CoreTypeDecl(CoreType type) implements Decl {}

  /** A type definition. */
  record TypeDecl(DefType type) implements Decl {}

  /** An alias (outer type aliases, and export aliases of imported instances). */
  record AliasDecl(Sort sort, AliasTarget target) implements Decl {}

  /** An export declarator; adds to the index space of {@code desc.sort()}. */
  record ExportDecl(ExternName name, ExternDesc desc) implements Decl {}

  /** An import declarator (component types only). */
  record ImportDecl(ExternName name, ExternDesc desc) implements Decl {}
}
