package virga.plugin.bind;

import java.util.LinkedHashMap;
import java.util.Map;
import virga.component.runtime.Item;

/**
 * One implemented interface, built once: its type exports (resources and named value types, which
 * guests' imports name) and the glue of every function.
 *
 * @param name {@code ns:pkg/iface@version}
 * @param types the type exports by name
 * @param functions the glue by component-model function name
 */
record BoundInterface(String name, Map<String, Item> types, Map<String, BoundFunction> functions) {
  /** The linker instance for one component instance, its plugin resources in {@code scope}. */
  Item.Instance instance(ResourceScope scope) {
    Map<String, Item> exports = new LinkedHashMap<>(types);
    functions.forEach((n, f) -> exports.put(n, new Item.Func(f.in(scope))));
    return new Item.Instance(exports);
  }
}
