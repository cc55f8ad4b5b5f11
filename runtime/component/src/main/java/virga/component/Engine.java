package virga.component;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import virga.component.abi.StandardCanonicalAbi;
import virga.component.binary.ComponentAst;
import virga.component.binary.ComponentParser;
import virga.component.binary.Definition;
import virga.component.core.CoreEngine;
import virga.component.core.CoreModule;
import virga.component.core.chicory.ChicoryEngine;
import virga.component.runtime.CanonicalAbi;

/** Compiles components: parses and validates them and compiles their core modules once. */
public final class Engine {
  private final CoreEngine core;
  private final CanonicalAbi abi;

  /** An engine over {@code core}, lifting and lowering through {@code abi}. */
  public Engine(CoreEngine core, CanonicalAbi abi) {
    this.core = Objects.requireNonNull(core, "core");
    this.abi = Objects.requireNonNull(abi, "abi");
  }

  /** An engine on the Chicory core engine and the standard canonical ABI. */
  public static Engine create() {
    return new Engine(new ChicoryEngine(), new StandardCanonicalAbi());
  }

  /** The canonical ABI instances of this engine's components use. */
  public CanonicalAbi abi() {
    return abi;
  }

  /** Parses, validates and compiles {@code bytes}; throws {@link MalformedComponentException}. */
  public Component compile(byte[] bytes) {
    ComponentAst ast = ComponentParser.parse(bytes);
    Map<Definition.CoreModule, CoreModule> compiled = new IdentityHashMap<>();
    compileModules(ast, compiled);
    return new Component(this, ast, compiled);
  }

  /**
   * Compiles one core module; the core engine reports offsets relative to the module, so its errors
   * are moved to the module's place in the component (offset 0 becomes the module start).
   */
  private CoreModule compileModule(Definition.CoreModule m) {
    try {
      return core.compile(m.bytes());
    } catch (MalformedComponentException e) {
      long inner = e.offset() >= 0 && e.offset() < m.size() ? e.offset() : 0;
      long at = m.offset() + inner;
      MalformedComponentException moved =
          e instanceof UnsupportedFeatureException
              ? new UnsupportedFeatureException(e.reason(), at, m.section())
              : new MalformedComponentException(e.reason(), at, m.section());
      moved.initCause(e);
      throw moved;
    }
  }

  private void compileModules(ComponentAst ast, Map<Definition.CoreModule, CoreModule> out) {
    for (Definition d : ast.definitions()) {
      if (d instanceof Definition.CoreModule m) {
        out.put(m, compileModule(m));
      } else if (d instanceof Definition.NestedComponent n) {
        compileModules(n.component(), out);
      }
    }
  }
}
