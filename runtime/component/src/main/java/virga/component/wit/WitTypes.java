package virga.component.wit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import virga.component.types.FuncType;
import virga.component.types.ResourceType;
import virga.component.types.ValType;

/**
 * Resolved types of a set of WIT packages: every interface's functions as {@link FuncType}s under
 * their component-model names, with one {@link ResourceType} per declared resource shared by every
 * interface that {@code use}s it (so {@code wasi:cli/stdin} and {@code wasi:io/streams} agree on
 * {@code input-stream}). Immutable once built; safe to share between threads and linkers.
 */
public final class WitTypes {
  private final Map<String, WitAst.Package> packages = new LinkedHashMap<>();
  private final Map<String, ValType> named = new ConcurrentHashMap<>();
  private final Map<String, ResourceType> resources = new ConcurrentHashMap<>();
  private final Map<String, Map<String, FuncType>> functions = new LinkedHashMap<>();
  private final Map<String, Map<String, ResourceType>> visibleResources = new LinkedHashMap<>();

  private WitTypes(List<WitAst.Package> pkgs) {
    for (WitAst.Package p : pkgs) {
      packages.put(p.id(), p);
    }
    for (WitAst.Package p : pkgs) {
      for (WitAst.Interface i : p.interfaces().values()) {
        resolveInterface(p, i);
      }
    }
  }

  private WitTypes(WitTypes base, List<WitAst.Package> more) {
    packages.putAll(base.packages);
    named.putAll(base.named);
    // the base resolved every resource eagerly, so these are all it will ever hand out
    resources.putAll(base.resources);
    functions.putAll(base.functions);
    visibleResources.putAll(base.visibleResources);
    List<WitAst.Package> added = new ArrayList<>();
    for (WitAst.Package p : more) {
      if (packages.putIfAbsent(p.id(), p) == null) {
        added.add(p);
      }
    }
    for (WitAst.Package p : added) {
      for (WitAst.Interface i : p.interfaces().values()) {
        resolveInterface(p, i);
      }
    }
  }

  /** Resolves parsed packages that refer to each other only (one version per package). */
  public static WitTypes of(List<WitAst.Package> packages) {
    return new WitTypes(packages);
  }

  /** Parses and resolves WIT source texts, one package each (see {@link #of}). */
  public static WitTypes parse(List<String> sources) {
    return of(parseAll(sources));
  }

  /**
   * This set plus {@code more}, which may {@code use} this set's packages: a resource of this set
   * keeps its {@link ResourceType} (a host that serves {@code wasi:io} with this set and another
   * interface using {@code wasi:io/streams.{input-stream}} with the result links one type). A
   * package whose id this set (or an earlier entry of {@code more}) already holds is skipped.
   */
  public WitTypes with(List<WitAst.Package> more) {
    return new WitTypes(this, more);
  }

  /** Parses WIT source texts, one package each; an error names the source by its position. */
  public static List<WitAst.Package> parseAll(List<String> sources) {
    List<WitAst.Package> pkgs = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      try {
        pkgs.add(WitParser.parse(sources.get(i)));
      } catch (WitException e) {
        throw new WitException(
            "WIT source " + (i + 1) + " of " + sources.size() + ": " + e.getMessage(), -1);
      }
    }
    return pkgs;
  }

  /** The ids ({@code ns:name}) of the packages in this set. */
  public Set<String> packageIds() {
    return Collections.unmodifiableSet(packages.keySet());
  }

  /** The package {@code id} ({@code ns:name}), or null when this set has none. */
  public WitAst.Package pkg(String id) {
    return packages.get(id);
  }

  /** The parsed form of {@code iface} ({@code ns:pkg/iface[@version]}). */
  public WitAst.Interface syntax(String iface) {
    functions(iface);
    return interfaceOf(qualify(iface));
  }

  /** Parses and resolves WIT sources from the class path, e.g. {@code /wit/wasi-io@0.2.12.wit}. */
  public static WitTypes fromResources(Class<?> anchor, List<String> paths) {
    List<WitAst.Package> pkgs = new ArrayList<>();
    for (String path : paths) {
      try (InputStream in = anchor.getResourceAsStream(path)) {
        if (in == null) {
          throw new WitException("no WIT resource " + path, -1);
        }
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        try {
          pkgs.add(WitParser.parse(text));
        } catch (WitException e) {
          throw new WitException(path + ": " + e.getMessage(), -1);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return of(pkgs);
  }

  /** The qualified interface names, {@code ns:pkg/iface@version}, in declaration order. */
  public List<String> interfaces() {
    return List.copyOf(functions.keySet());
  }

  /** The functions of {@code iface} ({@code ns:pkg/iface[@version]}) by component-model name. */
  public Map<String, FuncType> functions(String iface) {
    Map<String, FuncType> f = functions.get(qualify(iface));
    if (f == null) {
      throw new WitException("unknown interface " + iface, -1);
    }
    return f;
  }

  /**
   * The type of function {@code name} (e.g. {@code [method]input-stream.read}) of {@code iface}.
   */
  public FuncType function(String iface, String name) {
    FuncType t = functions(iface).get(name);
    if (t == null) {
      throw new WitException("interface " + iface + " has no function `" + name + "`", -1);
    }
    return t;
  }

  /** The resources declared in or used by {@code iface}, by their local names. */
  public Map<String, ResourceType> resources(String iface) {
    functions(iface);
    return visibleResources.get(qualify(iface));
  }

  /** The resource {@code name} as seen from {@code iface} (following {@code use}). */
  public ResourceType resource(String iface, String name) {
    ResourceType r = resources(iface).get(name);
    if (r == null) {
      throw new WitException("interface " + iface + " has no resource `" + name + "`", -1);
    }
    return r;
  }

  /** The names of every type declared in or used by {@code iface}, resources included. */
  public List<String> typeNames(String iface) {
    WitAst.Interface i = interfaceOf(qualify(iface));
    List<String> out = new ArrayList<>(i.uses().keySet());
    out.addAll(i.types().keySet());
    return out;
  }

  /** The named type {@code name} as seen from {@code iface}. */
  public ValType type(String iface, String name) {
    String q = qualify(iface);
    return resolveNamed(packages.get(q.substring(0, q.indexOf('/'))), interfaceOf(q), name);
  }

  private WitAst.Interface interfaceOf(String qualified) {
    int slash = qualified.indexOf('/');
    int at = qualified.indexOf('@');
    return packages
        .get(qualified.substring(0, slash))
        .interfaces()
        .get(qualified.substring(slash + 1, at < 0 ? qualified.length() : at));
  }

  /** {@code ns:pkg/iface[@version]} with the version this set holds for the package. */
  public String qualifiedName(String iface) {
    return qualify(iface);
  }

  /** Normalises {@code ns:pkg/iface[@version]} to the version this set holds. */
  private String qualify(String iface) {
    int at = iface.indexOf('@');
    String bare = at < 0 ? iface : iface.substring(0, at);
    int slash = bare.indexOf('/');
    if (slash < 0) {
      throw new WitException("not an interface name: " + iface, -1);
    }
    WitAst.Package p = packages.get(bare.substring(0, slash));
    if (p == null) {
      throw new WitException("unknown package in " + iface, -1);
    }
    String q = p.qualified(bare.substring(slash + 1));
    if (at >= 0 && !q.equals(iface)) {
      throw new WitException(iface + " is not in this set (it holds " + q + ")", -1);
    }
    return q;
  }

  private void resolveInterface(WitAst.Package p, WitAst.Interface i) {
    Map<String, ResourceType> visible = new LinkedHashMap<>();
    for (String n : i.types().keySet()) {
      // resources, and aliases of resources (`type headers = fields` is the same resource type)
      ResourceType r = resourceOrNull(p, i, n);
      if (r != null) {
        visible.put(n, r);
      }
    }
    for (String n : i.uses().keySet()) {
      ResourceType r = resourceOrNull(p, i, n);
      if (r != null) {
        visible.put(n, r);
      }
    }
    Map<String, FuncType> fs = new LinkedHashMap<>();
    for (WitAst.Func f : i.funcs()) {
      List<FuncType.Param> params = new ArrayList<>();
      for (WitAst.Param prm : f.params()) {
        params.add(new FuncType.Param(prm.name(), resolve(p, i, prm.type())));
      }
      fs.put(
          f.exportName(),
          new FuncType(params, f.result() == null ? null : resolve(p, i, f.result())));
    }
    String q = p.qualified(i.name());
    functions.put(q, Collections.unmodifiableMap(fs));
    visibleResources.put(q, Collections.unmodifiableMap(visible));
  }

  private ValType resolve(WitAst.Package p, WitAst.Interface i, WitAst.TypeRef t) {
    if (t == null) {
      return null;
    }
    if (t instanceof WitAst.Prim prim) {
      return ValType.Primitive.valueOf(prim.name().toUpperCase(java.util.Locale.ROOT));
    }
    if (t instanceof WitAst.Named n) {
      return resolveNamed(p, i, n.name());
    }
    if (t instanceof WitAst.ListOf l) {
      return new ValType.ListType(resolve(p, i, l.element()));
    }
    if (t instanceof WitAst.OptionOf o) {
      return new ValType.OptionType(resolve(p, i, o.type()));
    }
    if (t instanceof WitAst.ResultOf r) {
      return new ValType.ResultType(resolve(p, i, r.ok()), resolve(p, i, r.err()));
    }
    if (t instanceof WitAst.TupleOf tu) {
      return new ValType.TupleType(tu.types().stream().map(x -> resolve(p, i, x)).toList());
    }
    if (t instanceof WitAst.BorrowOf b) {
      return new ValType.BorrowType(resourceNamed(p, i, b.resource()));
    }
    WitAst.OwnOf o = (WitAst.OwnOf) t;
    return new ValType.OwnType(resourceNamed(p, i, o.resource()));
  }

  private ValType resolveNamed(WitAst.Package p, WitAst.Interface i, String name) {
    String key = p.qualified(i.name()) + "#" + name;
    ValType cached = named.get(key);
    if (cached != null) {
      return cached;
    }
    ValType v;
    WitAst.Use use = i.uses().get(name);
    if (use != null) {
      WitAst.Package up = usePackage(p, use);
      v = resolveNamed(up, iface(up, use.iface()), use.name());
    } else {
      WitAst.TypeDef d = i.types().get(name);
      if (d == null) {
        throw new WitException("undefined type `" + name + "` in " + p.qualified(i.name()), -1);
      }
      v = define(p, i, name, d);
    }
    named.put(key, v);
    return v;
  }

  private ValType define(WitAst.Package p, WitAst.Interface i, String name, WitAst.TypeDef d) {
    if (d instanceof WitAst.Alias a) {
      return resolve(p, i, a.target());
    }
    if (d instanceof WitAst.Record r) {
      return new ValType.RecordType(
          r.fields().stream()
              .map(f -> new ValType.Field(f.name(), resolve(p, i, f.type())))
              .toList());
    }
    if (d instanceof WitAst.Variant v) {
      return new ValType.VariantType(
          v.cases().stream()
              .map(c -> new ValType.Case(c.name(), resolve(p, i, c.type())))
              .toList());
    }
    if (d instanceof WitAst.Enum e) {
      return new ValType.EnumType(e.labels());
    }
    if (d instanceof WitAst.Flags f) {
      return new ValType.FlagsType(f.labels());
    }
    return new ValType.OwnType(resourceNamed(p, i, name));
  }

  private ResourceType resourceNamed(WitAst.Package p, WitAst.Interface i, String name) {
    ResourceType r = resourceOrNull(p, i, name);
    if (r == null) {
      throw new WitException("`" + name + "` is not a resource in " + p.qualified(i.name()), -1);
    }
    return r;
  }

  private ResourceType resourceOrNull(WitAst.Package p, WitAst.Interface i, String name) {
    WitAst.Use use = i.uses().get(name);
    if (use != null) {
      WitAst.Package up = usePackage(p, use);
      return resourceOrNull(up, iface(up, use.iface()), use.name());
    }
    WitAst.TypeDef d = i.types().get(name);
    if (d instanceof WitAst.Alias a && a.target() instanceof WitAst.Named n) {
      return resourceOrNull(p, i, n.name());
    }
    if (!(d instanceof WitAst.Resource)) {
      return null;
    }
    return resources.computeIfAbsent(
        p.qualified(i.name()) + "#" + name, k -> new ResourceType(name));
  }

  private WitAst.Package usePackage(WitAst.Package from, WitAst.Use use) {
    if (use.pkg() == null) {
      return from;
    }
    WitAst.Package p = packages.get(use.pkg());
    if (p == null) {
      throw new WitException("unknown package " + use.pkg() + " used by " + from.id(), -1);
    }
    return p;
  }

  private static WitAst.Interface iface(WitAst.Package p, String name) {
    WitAst.Interface i = p.interfaces().get(name);
    if (i == null) {
      throw new WitException("package " + p.id() + " has no interface " + name, -1);
    }
    return i;
  }
}
