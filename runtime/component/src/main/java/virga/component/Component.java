package virga.component;

import java.util.Map;
import virga.component.binary.ComponentAst;
import virga.component.binary.Definition;
import virga.component.core.CoreModule;
import virga.component.runtime.ComponentTyper;
import virga.component.runtime.ExternType;

/** A compiled component: parsed, validated, core modules compiled. Instantiate it with a linker. */
public final class Component {
  private final Engine engine;
  private final ComponentAst ast;
  private final Map<Definition.CoreModule, CoreModule> compiled;
  private final ExternType.Component type;

  Component(Engine engine, ComponentAst ast, Map<Definition.CoreModule, CoreModule> compiled) {
    this.engine = engine;
    this.ast = ast;
    this.compiled = Map.copyOf(compiled);
    this.type = ComponentTyper.typeOf(ast);
  }

  /** The imports by name, with their types. */
  public Map<String, ExternType> imports() {
    return type.imports();
  }

  /** The exports by name, with their types. */
  public Map<String, ExternType> exports() {
    return type.exports();
  }

  /** The parsed form. */
  public ComponentAst ast() {
    return ast;
  }

  Engine engine() {
    return engine;
  }

  Map<Definition.CoreModule, CoreModule> compiledModules() {
    return compiled;
  }
}
