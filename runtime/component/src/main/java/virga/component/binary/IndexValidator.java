package virga.component.binary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import virga.component.MalformedComponentException;

/**
 * Builds each index space in definition order and checks every reference against it: an index must
 * point at an item already defined, of the right sort and, where it is known, the right kind of
 * type. Outer aliases resolve against the enclosing scopes.
 */
final class IndexValidator {

  /** What a type index refers to, as far as validation needs to know. */
  enum TypeKind {
    VALUE,
    FUNC,
    COMPONENT,
    INSTANCE,
    RESOURCE,
    /** An alias of an instance's export: checked when the instance is resolved. */
    UNKNOWN
  }

  /** One index-space scope: a component, a component/instance type, or a core module type. */
  private static final class Scope {
    final Scope parent;
    final int[] counts = new int[Sort.values().length];
    final List<TypeKind> typeKinds = new ArrayList<>();

    /** Import and export names seen so far, by their strong-uniqueness canonical form. */
    final Names imports = new Names("import");

    final Names exports = new Names("export");

    Scope(Scope parent) {
      this.parent = parent;
    }

    int count(Sort s) {
      return counts[s.ordinal()];
    }

    void add(Sort s) {
      counts[s.ordinal()]++;
    }

    void addType(TypeKind kind) {
      counts[Sort.TYPE.ordinal()]++;
      typeKinds.add(kind);
    }
  }

  /**
   * A set of component-level names that must be strongly-unique (Explainer.md, "Name uniqueness"):
   * no two may be equal after canonicalisation.
   */
  private static final class Names {
    final String what;
    final Map<String, String> byCanonical = new HashMap<>();

    Names(String what) {
      this.what = what;
    }
  }

  private final long offset;
  private final String section;

  private IndexValidator(Definition def) {
    this.offset = def.offset();
    this.section = def.section();
  }

  static void validate(ComponentAst ast) {
    validate(ast, null);
  }

  private static void validate(ComponentAst ast, Scope parent) {
    Scope scope = new Scope(parent);
    for (Definition d : ast.definitions()) {
      new IndexValidator(d).definition(scope, d);
    }
  }

  private MalformedComponentException error(String message) {
    return new MalformedComponentException(message, offset, section);
  }

  private void check(Scope scope, Sort sort, int index) {
    if (index < 0 || index >= scope.count(sort)) {
      throw error(sort + " index " + index + " out of range (" + scope.count(sort) + " defined)");
    }
  }

  private void check(Scope scope, SortIdx si) {
    check(scope, si.sort(), si.index());
  }

  private TypeKind typeKind(Scope scope, int index) {
    check(scope, Sort.TYPE, index);
    return scope.typeKinds.get(index);
  }

  private void expectType(Scope scope, int index, TypeKind want, String role) {
    TypeKind k = typeKind(scope, index);
    if (k != want && k != TypeKind.UNKNOWN) {
      throw error(role + ": type index " + index + " is a " + k + " type, not a " + want + " type");
    }
  }

  private void definition(Scope scope, Definition d) {
    if (d instanceof Definition.CoreModule m) {
      scope.add(Sort.CORE_MODULE);
    } else if (d instanceof Definition.CoreInstantiate ci) {
      check(scope, Sort.CORE_MODULE, ci.module());
      Set<String> names = new HashSet<>();
      for (Definition.CoreArg a : ci.args()) {
        if (!names.add(a.name())) {
          throw error("duplicate core instantiation argument `" + a.name() + "`");
        }
        check(scope, Sort.CORE_INSTANCE, a.instance());
      }
      scope.add(Sort.CORE_INSTANCE);
    } else if (d instanceof Definition.CoreInlineInstance ci) {
      Set<String> names = new HashSet<>();
      for (Definition.CoreInlineExport e : ci.exports()) {
        if (!names.add(e.name())) {
          throw error("duplicate core export name `" + e.name() + "`");
        }
        check(scope, e.item());
      }
      scope.add(Sort.CORE_INSTANCE);
    } else if (d instanceof Definition.CoreTypeDef t) {
      coreType(scope, t.type());
      scope.add(Sort.CORE_TYPE);
    } else if (d instanceof Definition.NestedComponent c) {
      validate(c.component(), scope);
      scope.add(Sort.COMPONENT);
    } else if (d instanceof Definition.Instantiate i) {
      check(scope, Sort.COMPONENT, i.component());
      Names names = new Names("instantiation argument");
      for (Definition.InstantiateArg a : i.args()) {
        unique(names, a.name());
        check(scope, a.item());
      }
      scope.add(Sort.INSTANCE);
    } else if (d instanceof Definition.InlineInstance i) {
      Names names = new Names("export");
      for (Definition.InlineExport e : i.exports()) {
        unique(names, e.name().raw());
        exportable(e.item());
        check(scope, e.item());
      }
      scope.add(Sort.INSTANCE);
    } else if (d instanceof Definition.Alias a) {
      alias(scope, a.sort(), a.target());
    } else if (d instanceof Definition.Type t) {
      scope.addType(defType(scope, t.type()));
    } else if (d instanceof Definition.CanonDef c) {
      canon(scope, c.canon());
    } else if (d instanceof Definition.Import i) {
      unique(scope.imports, i.name().raw());
      addExtern(scope, i.desc());
    } else if (d instanceof Definition.Export e) {
      unique(scope.exports, e.name().raw());
      exportable(e.item());
      check(scope, e.item());
      if (e.ascribed() != null) {
        externDesc(scope, e.ascribed());
        if (e.ascribed().sort() != e.item().sort()) {
          throw error(
              "export "
                  + e.name()
                  + " is a "
                  + e.item().sort()
                  + " but ascribed a "
                  + e.ascribed().sort());
        }
      }
      if (e.item().sort() == Sort.TYPE) {
        scope.addType(scope.typeKinds.get(e.item().index()));
      } else {
        scope.add(e.item().sort());
      }
    }
  }

  /** Adds {@code name} to {@code names}, failing unless it is strongly-unique among them. */
  private void unique(Names names, String name) {
    String earlier = names.byCanonical.putIfAbsent(canonicalName(name), name);
    if (earlier == null) {
      return;
    }
    if (earlier.equals(name)) {
      throw error("duplicate " + names.what + " name `" + name + "`");
    }
    throw error(
        names.what
            + " name `"
            + name
            + "` conflicts with `"
            + earlier
            + "`: names must be strongly-unique");
  }

  /**
   * The canonical form of Explainer.md's strong uniqueness: hyphens removed and letters lowercased;
   * {@code [method]l.l} and {@code [static]l.l} become {@code l}; then any annotation other than
   * {@code [constructor]} is stripped. Two names are strongly-unique iff their forms differ.
   */
  static String canonicalName(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '-') {
        continue;
      }
      sb.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
    }
    String s = sb.toString();
    for (String prefix : new String[] {"[method]", "[static]"}) {
      if (s.startsWith(prefix)) {
        String body = s.substring(prefix.length());
        int dot = body.indexOf('.');
        if (dot >= 0 && body.substring(0, dot).equals(body.substring(dot + 1))) {
          return body.substring(0, dot);
        }
      }
    }
    if (s.startsWith("[") && !s.startsWith("[constructor]")) {
      int close = s.indexOf(']');
      if (close > 0) {
        s = s.substring(close + 1);
      }
    }
    return s;
  }

  private void exportable(SortIdx si) {
    if (si.sort().isCore() && si.sort() != Sort.CORE_MODULE) {
      throw error("a " + si.sort() + " cannot be exported from a component or component instance");
    }
  }

  private void alias(Scope scope, Sort sort, AliasTarget target) {
    if (target instanceof AliasTarget.InstanceExport ie) {
      check(scope, Sort.INSTANCE, ie.instance());
      if (sort.isCore() && sort != Sort.CORE_MODULE) {
        throw error("cannot alias a " + sort + " from a component instance");
      }
      addAliased(scope, sort, TypeKind.UNKNOWN);
    } else if (target instanceof AliasTarget.CoreInstanceExport ce) {
      check(scope, Sort.CORE_INSTANCE, ce.instance());
      if (sort != Sort.CORE_FUNC
          && sort != Sort.CORE_TABLE
          && sort != Sort.CORE_MEMORY
          && sort != Sort.CORE_GLOBAL) {
        throw error("cannot alias a " + sort + " from a core instance");
      }
      scope.add(sort);
    } else if (target instanceof AliasTarget.Outer o) {
      if (sort != Sort.TYPE
          && sort != Sort.CORE_TYPE
          && sort != Sort.CORE_MODULE
          && sort != Sort.COMPONENT) {
        throw error("outer aliases may only name types, core types, modules and components");
      }
      Scope target0 = scope;
      for (int i = 0; i < o.count(); i++) {
        target0 = target0.parent;
        if (target0 == null) {
          throw error("outer alias count " + o.count() + " exceeds the enclosing scopes");
        }
      }
      check(target0, sort, o.index());
      addAliased(
          scope, sort, sort == Sort.TYPE ? target0.typeKinds.get(o.index()) : TypeKind.UNKNOWN);
    }
  }

  private static void addAliased(Scope scope, Sort sort, TypeKind kind) {
    if (sort == Sort.TYPE) {
      scope.addType(kind);
    } else {
      scope.add(sort);
    }
  }

  private void canon(Scope scope, Canon c) {
    if (c instanceof Canon.Lift l) {
      check(scope, Sort.CORE_FUNC, l.coreFunc());
      options(scope, l.options());
      expectType(scope, l.type(), TypeKind.FUNC, "canon lift");
    } else if (c instanceof Canon.Lower l) {
      check(scope, Sort.FUNC, l.func());
      options(scope, l.options());
      if (l.options().postReturn() != null) {
        throw error("post-return is only allowed on canon lift");
      }
    } else if (c instanceof Canon.ResourceNew r) {
      expectType(scope, r.type(), TypeKind.RESOURCE, "resource.new");
    } else if (c instanceof Canon.ResourceDrop r) {
      expectType(scope, r.type(), TypeKind.RESOURCE, "resource.drop");
    } else if (c instanceof Canon.ResourceRep r) {
      expectType(scope, r.type(), TypeKind.RESOURCE, "resource.rep");
    }
    scope.add(c.sort());
  }

  private void options(Scope scope, CanonOptions o) {
    if (o.memory() != null) {
      check(scope, Sort.CORE_MEMORY, o.memory());
    }
    if (o.realloc() != null) {
      check(scope, Sort.CORE_FUNC, o.realloc());
    }
    if (o.postReturn() != null) {
      check(scope, Sort.CORE_FUNC, o.postReturn());
    }
  }

  private void valType(Scope scope, ValTypeRef t) {
    if (t instanceof ValTypeRef.Idx i) {
      expectType(scope, i.index(), TypeKind.VALUE, "value type");
    }
  }

  private TypeKind defType(Scope scope, DefType t) {
    if (t instanceof DefType.Prim p) {
    } else if (t instanceof DefType.Record r) {
      r.fields().forEach(f -> valType(scope, f.type()));
    } else if (t instanceof DefType.Variant v) {
      v.cases().stream().filter(c -> c.type() != null).forEach(c -> valType(scope, c.type()));
    } else if (t instanceof DefType.ListOf l) {
      valType(scope, l.element());
    } else if (t instanceof DefType.Tuple tu) {
      tu.types().forEach(x -> valType(scope, x));
    } else if (t instanceof DefType.Flags f) {
    } else if (t instanceof DefType.Enum e) {
    } else if (t instanceof DefType.Option o) {
      valType(scope, o.type());
    } else if (t instanceof DefType.Result r) {
      if (r.ok() != null) {
        valType(scope, r.ok());
      }
      if (r.err() != null) {
        valType(scope, r.err());
      }
    } else if (t instanceof DefType.Own o) {
      expectType(scope, o.resource(), TypeKind.RESOURCE, "own");
    } else if (t instanceof DefType.Borrow b) {
      expectType(scope, b.resource(), TypeKind.RESOURCE, "borrow");
    } else if (t instanceof DefType.Func f) {
      f.params().forEach(p -> valType(scope, p.type()));
      if (f.result() != null) {
        valType(scope, f.result());
      }
      return TypeKind.FUNC;
    } else if (t instanceof DefType.ComponentType c) {
      decls(new Scope(scope), c.decls());
      return TypeKind.COMPONENT;
    } else if (t instanceof DefType.InstanceType i) {
      decls(new Scope(scope), i.decls());
      return TypeKind.INSTANCE;
    } else if (t instanceof DefType.Resource r) {
      if (r.destructor() != null) {
        check(scope, Sort.CORE_FUNC, r.destructor());
      }
      return TypeKind.RESOURCE;
    }
    return TypeKind.VALUE;
  }

  private void decls(Scope scope, List<Decl> decls) {
    for (Decl d : decls) {
      if (d instanceof Decl.CoreTypeDecl c) {
        coreType(scope, c.type());
        scope.add(Sort.CORE_TYPE);
      } else if (d instanceof Decl.TypeDecl t) {
        if (t.type() instanceof DefType.Resource) {
          throw error("resource definitions are not allowed inside component or instance types");
        }
        scope.addType(defType(scope, t.type()));
      } else if (d instanceof Decl.AliasDecl a) {
        alias(scope, a.sort(), a.target());
      } else if (d instanceof Decl.ExportDecl e) {
        unique(scope.exports, e.name().raw());
        addExtern(scope, e.desc());
      } else if (d instanceof Decl.ImportDecl i) {
        unique(scope.imports, i.name().raw());
        addExtern(scope, i.desc());
      }
    }
  }

  private void addExtern(Scope scope, ExternDesc desc) {
    TypeKind kind = externDesc(scope, desc);
    if (desc.sort() == Sort.TYPE) {
      scope.addType(kind);
    } else {
      scope.add(desc.sort());
    }
  }

  /** Checks a descriptor; for a type descriptor returns the kind of type it introduces. */
  private TypeKind externDesc(Scope scope, ExternDesc desc) {
    if (desc instanceof ExternDesc.CoreModule m) {
      check(scope, Sort.CORE_TYPE, m.coreType());
    } else if (desc instanceof ExternDesc.Func f) {
      expectType(scope, f.type(), TypeKind.FUNC, "func descriptor");
    } else if (desc instanceof ExternDesc.Value v) {
      if (v.type() != null) {
        valType(scope, v.type());
      } else {
        check(scope, Sort.VALUE, v.eqValue());
      }
    } else if (desc instanceof ExternDesc.Type t) {
      return t.eq() == null ? TypeKind.RESOURCE : typeKind(scope, t.eq());
    } else if (desc instanceof ExternDesc.Component c) {
      expectType(scope, c.type(), TypeKind.COMPONENT, "component descriptor");
    } else if (desc instanceof ExternDesc.Instance i) {
      expectType(scope, i.type(), TypeKind.INSTANCE, "instance descriptor");
    }
    return TypeKind.UNKNOWN;
  }

  private void coreType(Scope scope, CoreType t) {
    if (t instanceof CoreType.Module m) {
      Scope inner = new Scope(scope);
      for (CoreType.ModuleDecl d : m.decls()) {
        if (d instanceof CoreType.TypeDecl td) {
          inner.add(Sort.CORE_TYPE);
        } else if (d instanceof CoreType.OuterAliasDecl oa) {
          if (oa.count() != 1) {
            throw error("module type outer alias count must be 1, was " + oa.count());
          }
          check(scope, Sort.CORE_TYPE, oa.index());
          inner.add(Sort.CORE_TYPE);
        } else if (d instanceof CoreType.ImportDecl id) {
          coreDesc(inner, id.desc());
        } else if (d instanceof CoreType.ExportDecl ed) {
          coreDesc(inner, ed.desc());
        }
      }
    }
  }

  private void coreDesc(Scope scope, CoreType.CoreExternDesc desc) {
    if (desc.kind() == virga.component.core.CoreImport.Kind.FUNCTION) {
      check(scope, Sort.CORE_TYPE, desc.typeIndex());
    }
  }
}
