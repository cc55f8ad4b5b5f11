package virga.component;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import virga.component.binary.ExternName;
import virga.component.core.InstanceLimits;
import virga.component.runtime.ComponentFunction;
import virga.component.runtime.ExternType;
import virga.component.runtime.Instantiator;
import virga.component.runtime.Item;
import virga.component.types.FuncType;
import virga.component.types.ResourceType;
import virga.component.values.Value;

/**
 * Supplies imports by name: host functions and resource types grouped into interface instances
 * ({@code ns:pkg/iface@1.2.3}), top-level functions and resource types (imported by the world
 * itself), and whole instances exported by other components. Interface versions match
 * semver-compatibly (see {@link VersionMatching}).
 */
public final class Linker {

  /** A host function body. */
  @FunctionalInterface
  public interface HostFunction {
    /** Runs with the lifted arguments; returns the result, or null for none. */
    Value call(Value... args);
  }

  private final Map<String, Map<String, Item>> instances = new LinkedHashMap<>();
  private final Map<String, Item> items = new HashMap<>();

  /** Registers function {@code name} of interface {@code instance}. */
  public Linker function(String instance, String name, FuncType type, HostFunction impl) {
    Objects.requireNonNull(impl, "impl");
    ComponentFunction f =
        new ComponentFunction() {
          @Override
          public FuncType type() {
            return type;
          }

          @Override
          public Value call(Value... args) {
            return impl.call(args);
          }
        };
    instances.computeIfAbsent(instance, k -> new LinkedHashMap<>()).put(name, new Item.Func(f));
    return this;
  }

  /** Registers a top-level function import {@code name}. */
  public Linker function(String name, FuncType type, HostFunction impl) {
    Linker scratch = new Linker().function("", name, type, impl);
    items.put(name, scratch.instances.get("").get(name));
    return this;
  }

  /**
   * Registers a host resource type: {@code ns:pkg/iface@version#name} for a resource of an imported
   * interface, or a plain {@code name} for a resource the component's world imports itself (WIT
   * {@code world w { resource r; import make: func() -> r; }}: the component imports {@code r} as a
   * top-level type, next to top-level functions such as {@code [constructor]r} and {@code make},
   * which {@link #function(String, FuncType, HostFunction)} registers).
   *
   * @throws IllegalArgumentException if the name is neither form (e.g. an interface name without
   *     {@code #name}, or an annotated function name)
   */
  public Linker resource(String qualifiedName, ResourceType type) {
    Objects.requireNonNull(type, "type");
    int hash = qualifiedName.lastIndexOf('#');
    if (hash < 0) {
      if (new ExternName(qualifiedName).kind() != ExternName.Kind.PLAIN
          || qualifiedName.isEmpty()) {
        throw new IllegalArgumentException(
            "expected ns:pkg/iface@version#name, or a plain name for a world-level resource: "
                + qualifiedName);
      }
      items.put(qualifiedName, new Item.Type(new ExternType.Resource(type)));
      return this;
    }
    instances
        .computeIfAbsent(qualifiedName.substring(0, hash), k -> new LinkedHashMap<>())
        .put(qualifiedName.substring(hash + 1), new Item.Type(new ExternType.Resource(type)));
    return this;
  }

  /**
   * Registers a whole instance (for example another component instance's export) as {@code name}.
   */
  public Linker instance(String name, Item.Instance instance) {
    instances.put(name, new LinkedHashMap<>(instance.exports()));
    return this;
  }

  /** Instantiates {@code component}, supplying each of its imports from this linker. */
  public ComponentInstance instantiate(Component component) {
    return instantiate(component, InstanceLimits.NONE);
  }

  /** Instantiates with limits applied to every core instance. */
  public ComponentInstance instantiate(Component component, InstanceLimits limits) {
    Map<String, Item> args = new LinkedHashMap<>();
    for (Map.Entry<String, ExternType> imported : component.imports().entrySet()) {
      String name = imported.getKey();
      Item item = lookup(name);
      if (item == null && onlyValueTypes(imported.getValue())) {
        // an interface of nothing but type definitions: the component's declarations suffice
        item = new Item.Instance(Map.of());
      }
      if (item == null) {
        throw new LinkException("import `" + name + "` has no definition in the linker");
      }
      args.put(name, item);
    }
    Instantiator inst =
        new Instantiator(component.engine().abi(), component.compiledModules(), limits);
    return new ComponentInstance(inst.instantiate(component.ast(), args, "root"));
  }

  private static boolean onlyValueTypes(ExternType type) {
    return type instanceof ExternType.Instance i
        && i.exports().values().stream().allMatch(e -> e instanceof ExternType.Val);
  }

  /** The item serving import {@code name}: exact name first, else the newest compatible version. */
  Item lookup(String name) {
    if (items.containsKey(name)) {
      return items.get(name);
    }
    if (instances.containsKey(name)) {
      return new Item.Instance(instances.get(name));
    }
    ExternName wanted = new ExternName(name);
    if (wanted.kind() != ExternName.Kind.INTERFACE || wanted.version() == null) {
      return null;
    }
    String best = null;
    for (String candidate : instances.keySet()) {
      ExternName c = new ExternName(candidate);
      if (c.kind() == ExternName.Kind.INTERFACE
          && c.unversioned().equals(wanted.unversioned())
          && c.version() != null
          && VersionMatching.compatible(wanted.version(), c.version())
          && (best == null
              || VersionMatching.compare(c.version(), new ExternName(best).version()) > 0)) {
        best = candidate;
      }
    }
    return best == null ? null : new Item.Instance(instances.get(best));
  }
}
