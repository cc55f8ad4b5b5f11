package virga.component.runtime;

import java.util.Map;
import java.util.Objects;
import virga.component.types.FuncType;
import virga.component.types.ResourceType;
import virga.component.types.ValType;

/**
 * The resolved type of an import, an export or a type-index-space entry: what {@code inspect}
 * prints and what the linker checks.
 */
public sealed interface ExternType {

  /** A component function. */
  record Func(FuncType type) implements ExternType {
    public Func {
      Objects.requireNonNull(type, "type");
    }
  }

  /** A value type definition (type sort). */
  record Val(ValType type) implements ExternType {
    public Val {
      Objects.requireNonNull(type, "type");
    }
  }

  /** A resource type (type sort). */
  record Resource(ResourceType type) implements ExternType {
    public Resource {
      Objects.requireNonNull(type, "type");
    }
  }

  /** An instance: its exports by name, in declaration order. */
  record Instance(Map<String, ExternType> exports) implements ExternType {
    public Instance {
      exports = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(exports));
    }
  }

  /** A component: its imports and exports by name. */
  record Component(Map<String, ExternType> imports, Map<String, ExternType> exports)
      implements ExternType {
    public Component {
      imports = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(imports));
      exports = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(exports));
    }
  }

  /** A core module. */
  record Module() implements ExternType {}

  /** A value import or export. */
  record Value(ValType type) implements ExternType {}
}
