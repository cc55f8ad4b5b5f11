package virga.wasi.host;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import virga.component.Linker;
import virga.component.types.FuncType;
import virga.component.types.ResourceType;
import virga.wasi.wit.WitTypes;

/**
 * Registers host functions on a {@link Linker} with their types taken from WIT: {@code
 * binder.iface("wasi:io/streams").func("[method]input-stream.read", args -> ...)}. The interface's
 * resources (declared or used) are registered with it, so every interface shares one {@link
 * ResourceType} per WIT resource, and a function name WIT does not declare fails at registration.
 */
public final class HostBinder {
  private final Linker linker;
  private final WitTypes types;
  private final Map<String, Interface> bound = new LinkedHashMap<>();

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
   * resources registered on the linker.
   */
  public Interface iface(String name) {
    String q = types.qualifiedName(name);
    return bound.computeIfAbsent(q, Interface::new);
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

    private Interface(String name) {
      this.name = name;
      types.resources(name).forEach((local, rt) -> linker.resource(name + "#" + local, rt));
    }

    /** The qualified name, {@code ns:pkg/iface@version}. */
    public String name() {
      return name;
    }

    /** Registers function {@code func} (its component-model name) with its WIT type. */
    public Interface func(String func, Linker.HostFunction impl) {
      FuncType t = types.function(name, func);
      linker.function(name, func, t, impl);
      registered.add(func);
      return this;
    }

    /** The resource {@code local} as this interface sees it. */
    public ResourceType resource(String local) {
      return types.resource(name, local);
    }
  }
}
