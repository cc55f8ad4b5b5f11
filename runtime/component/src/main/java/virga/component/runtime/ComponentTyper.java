package virga.component.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import virga.component.LinkException;
import virga.component.binary.AliasTarget;
import virga.component.binary.Canon;
import virga.component.binary.ComponentAst;
import virga.component.binary.Definition;
import virga.component.binary.Sort;

/**
 * Computes a component's import and export types without instantiating it: the same walk as {@link
 * Instantiator}, over types instead of runtime items. Core definitions are skipped; the types of
 * everything component-level follow from type definitions, imports and lifts.
 */
public final class ComponentTyper {
  private ComponentTyper() {}

  /** The root component's type: its imports and exports by name. */
  public static ExternType.Component typeOf(ComponentAst ast) {
    return walk(ast, null, null);
  }

  private static ExternType.Component walk(
      ComponentAst ast, Scope enclosing, Map<String, ExternType> args) {
    Scope s = new Scope(enclosing);
    Map<String, ExternType> imports = new LinkedHashMap<>();
    Map<String, ExternType> exports = new LinkedHashMap<>();
    for (Definition d : ast.definitions()) {
      if (d instanceof Definition.Type t) {
        s.types.add(TypeResolver.resolve(t.type(), s, ast.names().name(Sort.TYPE, s.types.size())));
      } else if (d instanceof Definition.Import i) {
        String name = i.name().raw();
        ExternType t = TypeResolver.descType(i.desc(), s, name);
        if (args != null && args.containsKey(name)) {
          t = args.get(name);
        }
        imports.put(name, t);
        s.push(i.desc().sort(), t);
      } else if (d instanceof Definition.Alias a) {
        alias(s, a.sort(), a.target());
      } else if (d instanceof Definition.CanonDef c && c.canon() instanceof Canon.Lift l) {
        s.funcs.add(s.type(l.type()));
      } else if (d instanceof Definition.NestedComponent c) {
        s.components.add(new Nested(c.component(), s));
      } else if (d instanceof Definition.Instantiate i) {
        Nested n = s.components.get(i.component());
        Map<String, ExternType> with = new LinkedHashMap<>();
        i.args().forEach(a -> with.put(a.name(), s.get(a.item().sort(), a.item().index())));
        s.instances.add(new ExternType.Instance(walk(n.ast, n.enclosing, with).exports()));
      } else if (d instanceof Definition.InlineInstance i) {
        Map<String, ExternType> ex = new LinkedHashMap<>();
        i.exports().forEach(e -> ex.put(e.name().raw(), s.get(e.item().sort(), e.item().index())));
        s.instances.add(new ExternType.Instance(ex));
      } else if (d instanceof Definition.CoreModule) {
        s.modules.add(new ExternType.Module());
      } else if (d instanceof Definition.Export e) {
        ExternType t =
            e.ascribed() != null
                ? TypeResolver.descType(e.ascribed(), s, e.name().raw())
                : s.get(e.item().sort(), e.item().index());
        exports.put(e.name().raw(), t);
        s.push(e.item().sort(), t);
      }
    }
    return new ExternType.Component(imports, exports);
  }

  private static void alias(Scope s, Sort sort, AliasTarget target) {
    if (sort.isCore() && sort != Sort.CORE_MODULE) {
      return;
    }
    if (target instanceof AliasTarget.InstanceExport ie) {
      ExternType t = s.instanceType(ie.instance()).exports().get(ie.name());
      if (t == null) {
        throw new LinkException("instance " + ie.instance() + " has no export `" + ie.name() + "`");
      }
      s.push(sort, t);
    } else if (target instanceof AliasTarget.Outer o) {
      Scope out = s;
      for (int i = 0; i < o.count(); i++) {
        out = out.enclosing;
      }
      if (sort == Sort.COMPONENT) {
        s.components.add(out.components.get(o.index()));
      } else {
        s.push(sort, out.get(sort, o.index()));
      }
    }
  }

  private record Nested(ComponentAst ast, Scope enclosing) {}

  private static final class Scope implements TypeEnv {
    final Scope enclosing;
    final List<ExternType> types = new ArrayList<>();
    final List<ExternType> funcs = new ArrayList<>();
    final List<ExternType> instances = new ArrayList<>();
    final List<ExternType> modules = new ArrayList<>();
    final List<ExternType> values = new ArrayList<>();
    final List<Nested> components = new ArrayList<>();

    Scope(Scope enclosing) {
      this.enclosing = enclosing;
    }

    List<ExternType> space(Sort sort) {
      return switch (sort) {
        case TYPE -> types;
        case FUNC -> funcs;
        case INSTANCE -> instances;
        case CORE_MODULE -> modules;
        case VALUE -> values;
        default -> throw new LinkException("no typed index space for " + sort);
      };
    }

    ExternType get(Sort sort, int index) {
      if (sort == Sort.COMPONENT) {
        return new ExternType.Component(Map.of(), Map.of());
      }
      return space(sort).get(index);
    }

    void push(Sort sort, ExternType t) {
      if (sort == Sort.COMPONENT) {
        components.add(null);
      } else {
        space(sort).add(t);
      }
    }

    @Override
    public ExternType type(int index) {
      return types.get(index);
    }

    @Override
    public TypeEnv outer(int count) {
      Scope s = this;
      for (int i = 0; i < count; i++) {
        s = s.enclosing;
      }
      return s;
    }

    @Override
    public ExternType.Instance instanceType(int index) {
      if (instances.get(index) instanceof ExternType.Instance i) {
        return i;
      }
      throw new LinkException("instance " + index + " has no instance type");
    }
  }
}
