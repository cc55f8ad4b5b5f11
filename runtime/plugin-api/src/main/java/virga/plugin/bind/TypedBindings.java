package virga.plugin.bind;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import virga.component.Linker;
import virga.component.runtime.Item;
import virga.component.wit.WitAst;
import virga.component.wit.WitException;
import virga.component.wit.WitTypes;
import virga.plugin.HostBindings;
import virga.plugin.HostPlugin;

/**
 * {@link HostBindings} that serve WIT interfaces with plain Java objects: {@link #implement} checks
 * the object's public methods against the WIT once and builds the glue (converters per parameter
 * and result around a method handle); {@link #addTo} then puts every implemented interface on a
 * component instance's {@link Linker} for the cost of one small object per function.
 *
 * <h2>The convention</h2>
 *
 * Each WIT function is served by a public method (instance or static) of the object, named in
 * lowerCamelCase ({@code get-all} → {@code getAll}; a Java keyword gets a trailing {@code _}:
 * {@code new} → {@code new_}). The Java types, for parameters and result alike:
 *
 * <ul>
 *   <li>{@code bool} → {@code boolean}; {@code s8} → {@code byte}; {@code u8}, {@code s16}, {@code
 *       u16}, {@code s32} → {@code int}; {@code u32}, {@code s64}, {@code u64} → {@code long}
 *       ({@code u64} with unsigned bits); {@code f32} → {@code float}; {@code f64} → {@code
 *       double}; {@code char} → {@code int} (the code point); {@code string} → {@code String}. As a
 *       parameter, result or record component the box is accepted too; as a type argument it is the
 *       box.
 *   <li>{@code list<u8>} → {@code byte[]}; {@code list<T>} → {@code List<T>}
 *   <li>{@code option<T>} → {@code Optional<T>}
 *   <li>{@code result<T, E>} → {@link virga.plugin.Result}{@code <T, E>}, with {@code Void} for a
 *       side written {@code _} or left out
 *   <li>{@code tuple<A, B>} → {@code Map.Entry<A, B>}; other tuples → {@code List<Object>}, whose
 *       elements take the types above (boxed); such a tuple cannot hold a record, variant, enum or
 *       flags, which need their Java class
 *   <li>record → a Java record whose components are the fields in lowerCamelCase, in WIT order
 *   <li>variant → a sealed interface whose permitted records are the cases in UpperCamelCase
 *       ({@code not-found} → {@code NotFound}), each with no component (no payload) or one (the
 *       payload); it permits nothing else
 *   <li>enum → a Java enum whose constants are exactly the labels in UPPER_SNAKE_CASE
 *   <li>flags → {@code Set<E>} of such an enum
 *   <li>a function without result → {@code void}
 * </ul>
 *
 * <h2>Resources</h2>
 *
 * A resource {@code r} is a Java object of the type the method declares where the WIT says {@code
 * r}, {@code own<r>} or {@code borrow<r>} (use one class or interface per resource; {@code Object}
 * accepts anything). Its functions are methods of the same implementation object: {@code
 * [constructor]r} → {@code newR(...)} returning the object; {@code [method]r.do-it} → {@code
 * rDoIt(R self, ...)}; {@code [static]r.f} → {@code rF(...)}. An object returned as {@code own<r>}
 * becomes the guest's handle: return a fresh object per handle. When the guest drops the handle,
 * the object is closed if it is {@link AutoCloseable}; when the guest passes it back as an {@code
 * own<r>} parameter, the plugin owns the object again and nothing is closed.
 *
 * <p>Handles of resources declared in the implemented interface's package are tracked per component
 * instance in the {@link ResourceScope} that {@link #addTo} returns: the host closes it when the
 * instance ends, which closes every object the guest still holds, and it bounds how many a guest
 * may hold. Resources of other packages ({@code use wasi:io/streams.{input-stream}}) pass through
 * as the objects their owner put in the handle.
 *
 * <p>A failure in a call (the method throws, returns null where the WIT has no option, or a value
 * out of range) traps the guest with a message naming the function.
 */
public final class TypedBindings implements HostBindings {
  private final WitTypes types;
  private final InterfaceBinder binder;
  private volatile TypeNames names;
  // copy-on-write: implement() at bind time, addTo() from any thread per instance
  private volatile Map<String, BoundInterface> bound = Map.of();

  /**
   * Bindings for interfaces of {@code types}: resolve it once per host with {@link #resolve} and
   * share it between every item's bindings.
   */
  public TypedBindings(WitTypes types) {
    this.types = Objects.requireNonNull(types, "types");
    this.binder = new InterfaceBinder(types, this::names);
  }

  /**
   * Bindings for the interfaces of {@code wit}, which may use packages of {@code dependencyWit}.
   */
  public TypedBindings(List<String> wit, List<String> dependencyWit) {
    this(resolve(wit, dependencyWit));
  }

  /**
   * Parses the plugins' {@code wit} and resolves it against already resolved {@code dependencies}
   * (the host's WASI types): a resource the plugins {@code use} from there is the same {@link
   * virga.component.types.ResourceType} the host's own bindings hand out, which linking a guest
   * that imports both needs. A package the dependencies hold is taken from them; a package two
   * plugins both ship is taken once (both must carry the same version).
   *
   * @throws WitException when a document is malformed, refers to something undefined, or two
   *     documents declare one package at different versions
   */
  public static WitTypes resolve(List<String> wit, WitTypes dependencies) {
    return dependencies.with(distinct(WitTypes.parseAll(wit)));
  }

  /**
   * Parses {@code wit} together with the WIT texts it uses ({@code dependencyWit}, e.g. the
   * vendored WASI WIT); see {@link #resolve(List, WitTypes)}. Resources of the dependencies are
   * types of their own here, distinct from any other resolution of the same texts.
   */
  public static WitTypes resolve(List<String> wit, List<String> dependencyWit) {
    return resolve(wit, WitTypes.parse(dependencyWit));
  }

  /** Every WIT document of {@code plugins} ({@link HostPlugin#wit()}), in order. */
  public static List<String> wit(Collection<? extends HostPlugin> plugins) {
    List<String> out = new ArrayList<>();
    for (HostPlugin p : plugins) {
      out.addAll(p.wit());
    }
    return out;
  }

  /** The WIT types the interfaces are checked against. */
  public WitTypes types() {
    return types;
  }

  /**
   * Serves {@code iface} with {@code implementation} (see the class comment for the convention).
   *
   * @throws IllegalArgumentException when the WIT declares no such interface, it is implemented
   *     already, or some functions have no fitting method: one line per function, {@code
   *     ns:pkg/iface@version: no method getAll(): Result<List<Map.Entry<String,String>>,Error> for
   *     get-all}, followed by {@code ; found <method>: <why>} when a method of that name exists
   */
  @Override
  public synchronized void implement(String iface, Object implementation) {
    Objects.requireNonNull(implementation, "implementation");
    String q;
    try {
      q = types.qualifiedName(iface);
      types.functions(q);
    } catch (WitException e) {
      throw new IllegalArgumentException(
          "cannot implement "
              + iface
              + ": "
              + e.getMessage()
              + " (add its WIT to the plugin's wit())",
          e);
    }
    if (bound.containsKey(q)) {
      throw new IllegalArgumentException(q + " is implemented already");
    }
    BoundInterface b = binder.bind(q, implementation);
    Map<String, BoundInterface> next = new LinkedHashMap<>(bound);
    next.put(q, b);
    bound = Collections.unmodifiableMap(next);
  }

  /** The implemented interfaces, {@code ns:pkg/iface@version}, in the order implemented. */
  public Set<String> interfaces() {
    return bound.keySet();
  }

  /**
   * Registers every implemented interface (its functions and types) on {@code linker}, for one
   * component instance; close the returned scope when that instance ends.
   */
  public ResourceScope addTo(Linker linker) {
    ResourceScope scope = new ResourceScope();
    addTo(linker, scope);
    return scope;
  }

  /** Registers every implemented interface on {@code linker}, its resources in {@code scope}. */
  public void addTo(Linker linker, ResourceScope scope) {
    for (BoundInterface b : bound.values()) {
      linker.instance(b.name(), b.instance(scope));
    }
  }

  /**
   * The linker instance of implemented interface {@code iface} with its resources in {@code scope}:
   * for calling the host functions directly (tests, embedders) without a guest.
   */
  public Item.Instance instance(String iface, ResourceScope scope) {
    BoundInterface b = bound.get(types.qualifiedName(iface));
    if (b == null) {
      throw new IllegalArgumentException(iface + " is not implemented");
    }
    return b.instance(scope);
  }

  private TypeNames names() {
    TypeNames n = names;
    if (n == null) {
      n = new TypeNames(types);
      names = n;
    }
    return n;
  }

  /** {@code pkgs} without repeats of a package id; a repeat at another version is an error. */
  private static List<WitAst.Package> distinct(List<WitAst.Package> pkgs) {
    Map<String, WitAst.Package> byId = new LinkedHashMap<>();
    for (WitAst.Package p : pkgs) {
      WitAst.Package seen = byId.putIfAbsent(p.id(), p);
      if (seen != null && !Objects.equals(seen.version(), p.version())) {
        throw new WitException(
            "two WIT documents declare "
                + p.id()
                + ", at versions "
                + seen.version()
                + " and "
                + p.version()
                + ": one version per package",
            -1);
      }
    }
    return new ArrayList<>(byId.values());
  }
}
