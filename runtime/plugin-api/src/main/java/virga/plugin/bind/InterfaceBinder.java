package virga.plugin.bind;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import virga.component.runtime.ExternType;
import virga.component.runtime.Item;
import virga.component.types.FuncType;
import virga.component.types.ResourceType;
import virga.component.wit.WitAst;
import virga.component.wit.WitTypes;

/**
 * Matches an implementation's public methods against every function of one WIT interface and builds
 * the glue, or lists each function that has no fitting method.
 */
final class InterfaceBinder {
  private final WitTypes types;
  private final Supplier<TypeNames> names;

  InterfaceBinder(WitTypes types, Supplier<TypeNames> names) {
    this.types = types;
    this.names = names;
  }

  /**
   * The glue of interface {@code iface} (qualified) served by {@code impl}.
   *
   * @throws IllegalArgumentException with one line per missing or mismatched function
   */
  BoundInterface bind(String iface, Object impl) {
    Map<String, List<Method>> methods = new LinkedHashMap<>();
    for (Method m : impl.getClass().getMethods()) {
      if (!m.isBridge() && !m.isSynthetic()) {
        methods.computeIfAbsent(m.getName(), k -> new ArrayList<>()).add(m);
      }
    }
    TypeMapping mapping = new TypeMapping(names, trackedResources(iface));
    Map<String, BoundFunction> functions = new LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    types
        .functions(iface)
        .forEach(
            (func, type) -> {
              String javaName = JavaNames.method(func);
              Method first = null;
              Mismatch why = null;
              for (Method m : methods.getOrDefault(javaName, List.of())) {
                try {
                  functions.put(func, glue(iface + "#" + func, type, m, impl, mapping));
                  break;
                } catch (Mismatch e) {
                  if (first == null) {
                    first = m;
                    why = e;
                  }
                }
              }
              if (!functions.containsKey(func)) {
                errors.add(
                    iface
                        + ": no method "
                        + names.get().signature(javaName, type)
                        + " for "
                        + func
                        + (first == null
                            ? ""
                            : "; found " + TypeNames.java(first) + ": " + why.getMessage()));
              }
            });
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", errors));
    }
    return new BoundInterface(iface, typeExports(iface), Collections.unmodifiableMap(functions));
  }

  private static BoundFunction glue(
      String name, FuncType type, Method m, Object impl, TypeMapping mapping) throws Mismatch {
    int n = type.params().size();
    if (m.getParameterCount() != n) {
      throw new Mismatch("takes " + m.getParameterCount() + " parameters, the WIT function " + n);
    }
    Type[] declared = m.getGenericParameterTypes();
    Converter[] params = new Converter[n];
    for (int i = 0; i < n; i++) {
      try {
        params[i] = mapping.match(type.params().get(i).type(), declared[i], true);
      } catch (Mismatch e) {
        throw e.at("parameter " + type.params().get(i).name());
      }
    }
    Converter result = null;
    if (type.result() == null) {
      if (m.getReturnType() != void.class) {
        throw new Mismatch(
            "returns " + TypeNames.java(m.getGenericReturnType()) + ", expected void");
      }
    } else {
      try {
        result = mapping.match(type.result(), m.getGenericReturnType(), true);
      } catch (Mismatch e) {
        throw e.at("result");
      }
    }
    MethodHandle h = TypeMapping.unreflect(m);
    if (!Modifier.isStatic(m.getModifiers())) {
      h = h.bindTo(impl);
    }
    h = h.asType(MethodType.genericMethodType(n)).asSpreader(Object[].class, n);
    return new BoundFunction(name, type, params, result, h);
  }

  /**
   * The resources declared in {@code iface}'s package: their own handles are the plugin's and are
   * tracked per instance; other resources (a {@code wasi:io} stream) pass through as they are.
   */
  private Set<ResourceType> trackedResources(String iface) {
    Set<ResourceType> out = Collections.newSetFromMap(new IdentityHashMap<>());
    WitAst.Package pkg = types.pkg(iface.substring(0, iface.indexOf('/')));
    for (WitAst.Interface i : pkg.interfaces().values()) {
      i.types()
          .forEach(
              (name, def) -> {
                if (def instanceof WitAst.Resource) {
                  out.add(types.resource(pkg.qualified(i.name()), name));
                }
              });
    }
    return out;
  }

  /** The named types of {@code iface}, as exported by its instance (see HostBinder). */
  private Map<String, Item> typeExports(String iface) {
    Map<String, ResourceType> resources = types.resources(iface);
    Map<String, Item> out = new LinkedHashMap<>();
    for (String t : types.typeNames(iface)) {
      ResourceType r = resources.get(t);
      out.put(
          t,
          new Item.Type(
              r != null ? new ExternType.Resource(r) : new ExternType.Val(types.type(iface, t))));
    }
    return Collections.unmodifiableMap(out);
  }
}
