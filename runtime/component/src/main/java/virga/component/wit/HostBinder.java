package virga.component.wit;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import virga.component.Linker;
import virga.component.TrapException;
import virga.component.runtime.ComponentFunction;
import virga.component.runtime.ExternType;
import virga.component.runtime.Item;
import virga.component.types.FuncType;
import virga.component.types.ResourceType;
import virga.component.values.Value;

/**
 * Registers host interfaces on a {@link Linker} with their types taken from WIT: {@code
 * binder.iface("wasi:io/streams").func("[method]input-stream.read", args -> ...)}. Each interface
 * instance also exports its named types (resources and value types such as {@code stream-error},
 * which guests' instance imports name), so every interface shares one {@link ResourceType} per WIT
 * resource; a function name WIT does not declare fails at registration.
 */
public final class HostBinder {
  private final Linker linker;
  private final WitTypes types;
  private final Map<String, Interface> bound = new LinkedHashMap<>();
  private Set<Interface> deferred; // non-null inside batch(): interfaces to publish at its end

  /** A binder registering on {@code linker} with types from {@code types}. */
  public HostBinder(Linker linker, WitTypes types) {
    this.linker = linker;
    this.types = types;
  }

  /** The WIT types the functions are declared with. */
  public WitTypes types() {
    return types;
  }

  /**
   * The interface {@code name} ({@code ns:pkg/iface}, optionally with this set's version), with its
   * types registered on the linker.
   */
  public Interface iface(String name) {
    String q = types.qualifiedName(name);
    return bound.computeIfAbsent(q, Interface::new);
  }

  /**
   * The registered function {@code func} of {@code iface}, for calling a host function directly
   * (tests, embedders) without a guest.
   */
  public ComponentFunction function(String iface, String func) {
    Interface i = bound.get(types.qualifiedName(iface));
    Item item = i == null ? null : i.exports.get(func);
    if (!(item instanceof Item.Func f)) {
      throw new IllegalArgumentException("no registered function " + iface + "#" + func);
    }
    return f.function();
  }

  /**
   * Runs {@code registrations} publishing each touched interface to the linker once, at the end,
   * instead of after every function (a per-instance linker then costs linear, not quadratic, time
   * in the interface sizes).
   */
  public void batch(Runnable registrations) {
    if (deferred != null) {
      registrations.run();
      return;
    }
    deferred = new LinkedHashSet<>();
    try {
      registrations.run();
    } finally {
      Set<Interface> touched = deferred;
      deferred = null;
      for (Interface i : touched) {
        i.publish();
      }
    }
  }

  /** For each bound interface, the WIT functions not registered yet (empty when complete). */
  public Map<String, Set<String>> missing() {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (Interface i : bound.values()) {
      Set<String> m = new LinkedHashSet<>(types.functions(i.name).keySet());
      m.removeAll(i.registered);
      if (!m.isEmpty()) {
        out.put(i.name, m);
      }
    }
    return out;
  }

  /** One interface being registered. */
  public final class Interface {
    private final String name;
    private final Set<String> registered = new LinkedHashSet<>();
    private final Map<String, Item> exports = new LinkedHashMap<>();

    private Interface(String name) {
      this.name = name;
      Map<String, ResourceType> resources = types.resources(name);
      for (String t : types.typeNames(name)) {
        ResourceType r = resources.get(t);
        exports.put(
            t,
            new Item.Type(
                r != null ? new ExternType.Resource(r) : new ExternType.Val(types.type(name, t))));
      }
      publish();
    }

    /** The qualified name, {@code ns:pkg/iface@version}. */
    public String name() {
      return name;
    }

    /** Registers function {@code func} (its component-model name) with its WIT type. */
    public Interface func(String func, Linker.HostFunction impl) {
      FuncType t = types.function(name, func);
      exports.put(func, new Item.Func(new HostFunc(t, impl)));
      registered.add(func);
      publish();
      return this;
    }

    /**
     * Registers every function of the interface not registered yet as one that traps with {@code
     * why}: lets a guest that imports an interface but never calls it (the preview1 adapter imports
     * a dozen) link before the interface is implemented.
     */
    public Interface trapRemaining(String why) {
      for (String f : types.functions(name).keySet()) {
        if (!registered.contains(f)) {
          func(
              f,
              a -> {
                throw new TrapException(name + "#" + f + ": " + why);
              });
        }
      }
      return this;
    }

    /** The resource {@code local} as this interface sees it. */
    public ResourceType resource(String local) {
      return types.resource(name, local);
    }

    private void publish() {
      if (deferred != null) {
        deferred.add(this);
        return;
      }
      linker.instance(name, new Item.Instance(exports));
    }
  }

  /** A host function with its WIT type. */
  private record HostFunc(FuncType type, Linker.HostFunction impl) implements ComponentFunction {
    @Override
    public Value call(Value... args) {
      return impl.call(args);
    }
  }
}
