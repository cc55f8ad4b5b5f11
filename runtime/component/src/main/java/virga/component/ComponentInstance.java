package virga.component;

import java.util.Map;
import virga.component.runtime.ComponentFunction;
import virga.component.runtime.Item;
import virga.component.values.Value;

/** An instantiated component: call its exported functions, or hand its exports to a linker. */
public final class ComponentInstance {
  private final Item.Instance exports;

  ComponentInstance(Item.Instance exports) {
    this.exports = exports;
  }

  /** The exports by name. */
  public Map<String, Item> exports() {
    return exports.exports();
  }

  /**
   * The function {@code name}: a top-level export ({@code add}), or a function of an exported
   * instance written {@code ns:pkg/iface@ver#func}.
   */
  public ComponentFunction function(String name) {
    Item item;
    int hash = name.indexOf('#');
    if (hash >= 0) {
      Item inst = exportedInstance(name.substring(0, hash));
      if (!(inst instanceof Item.Instance i)) {
        throw new LinkException("no exported instance `" + name.substring(0, hash) + "`");
      }
      item = i.exports().get(name.substring(hash + 1));
    } else {
      item = exports.exports().get(name);
    }
    if (!(item instanceof Item.Func f)) {
      throw new LinkException("no exported function `" + name + "`");
    }
    return f.function();
  }

  /**
   * The exported instance {@code name}; {@code ns:pkg/iface} without a version also finds the one
   * exported instance of that interface, whatever its version.
   */
  private Item exportedInstance(String name) {
    Item exact = exports.exports().get(name);
    if (exact != null || name.contains("@")) {
      return exact;
    }
    Item found = null;
    for (Map.Entry<String, Item> e : exports.exports().entrySet()) {
      if (e.getKey().startsWith(name + "@")) {
        if (found != null) {
          throw new LinkException(
              "`"
                  + name
                  + "` is exported in several versions; write the version, e.g. `"
                  + e.getKey()
                  + "`");
        }
        found = e.getValue();
      }
    }
    return found;
  }

  /** Calls the exported function {@code name}; returns its result or null. */
  public Value call(String name, Value... args) {
    return function(name).call(args);
  }

  /** This instance's exports as one instance item, for {@link Linker#instance}. */
  public Item.Instance asItem() {
    return exports;
  }
}
