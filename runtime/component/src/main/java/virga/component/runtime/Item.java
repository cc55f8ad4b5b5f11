package virga.component.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import virga.component.binary.ComponentAst;
import virga.component.core.CoreModule;
import virga.component.values.Value;

/** A runtime item of a component index space: what imports supply and instances export. */
public sealed interface Item {
  /** The item's resolved type. */
  ExternType type();

  /** A component function. */
  record Func(ComponentFunction function) implements Item {
    @Override
    public ExternType type() {
      return new ExternType.Func(function.type());
    }
  }

  /** A type (value type, resource, instance or component type). */
  record Type(ExternType definition) implements Item {
    @Override
    public ExternType type() {
      return definition;
    }
  }

  /** A component instance: its exports by name. */
  record Instance(Map<String, Item> exports) implements Item {
    public Instance {
      exports = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(exports));
    }

    @Override
    public ExternType.Instance type() {
      Map<String, ExternType> types = new LinkedHashMap<>();
      exports.forEach((k, v) -> types.put(k, v.type()));
      return new ExternType.Instance(types);
    }
  }

  /** A component definition, closed over the frame it was defined in (for outer aliases). */
  record Component(ComponentAst ast, Object enclosing) implements Item {
    @Override
    public ExternType type() {
      return new ExternType.Component(Map.of(), Map.of());
    }
  }

  /** A compiled core module. */
  record Module(CoreModule module) implements Item {
    @Override
    public ExternType type() {
      return new ExternType.Module();
    }
  }

  /** A component-level value. */
  record Val(Value value) implements Item {
    @Override
    public ExternType type() {
      return new ExternType.Value(null);
    }
  }
}
