package virga.component.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import virga.component.LinkException;
import virga.component.binary.AliasTarget;
import virga.component.binary.Decl;
import virga.component.binary.DefType;
import virga.component.binary.ExternDesc;
import virga.component.binary.Sort;
import virga.component.binary.ValTypeRef;
import virga.component.types.FuncType;
import virga.component.types.ResourceType;
import virga.component.types.ValType;

/**
 * Turns type definitions as written (indices into a type index space) into resolved {@link
 * ExternType}s. Resource definitions and {@code (sub resource)} declarations make fresh {@link
 * ResourceType}s; {@link TypeMatcher} binds those to the actual resources when an import is
 * matched.
 */
final class TypeResolver {
  private TypeResolver() {}

  static ExternType resolve(DefType t, TypeEnv env, String name) {
    if (t instanceof DefType.Func f) {
      List<FuncType.Param> params = new ArrayList<>();
      for (DefType.Labeled p : f.params()) {
        params.add(new FuncType.Param(p.label(), valType(p.type(), env)));
      }
      return new ExternType.Func(
          new FuncType(params, f.result() == null ? null : valType(f.result(), env)));
    }
    if (t instanceof DefType.Resource) {
      return new ExternType.Resource(new ResourceType(name == null ? "resource" : name));
    }
    if (t instanceof DefType.InstanceType it) {
      return declare(it.decls(), env).instance();
    }
    if (t instanceof DefType.ComponentType ct) {
      DeclScope s = declare(ct.decls(), env);
      return new ExternType.Component(s.imports, s.exports);
    }
    return new ExternType.Val(defValType(t, env));
  }

  static ValType valType(ValTypeRef r, TypeEnv env) {
    if (r instanceof ValTypeRef.Prim p) {
      return p.type();
    }
    int index = ((ValTypeRef.Idx) r).index();
    ExternType t = env.type(index);
    if (t instanceof ExternType.Val v) {
      return v.type();
    }
    throw new LinkException("type index " + index + " is not a value type: " + t);
  }

  private static ResourceType resource(int index, TypeEnv env) {
    ExternType t = env.type(index);
    if (t instanceof ExternType.Resource r) {
      return r.type();
    }
    throw new LinkException("type index " + index + " is not a resource type: " + t);
  }

  private static ValType defValType(DefType t, TypeEnv env) {
    if (t instanceof DefType.Prim p) {
      return p.type();
    } else if (t instanceof DefType.Record r) {
      return new ValType.RecordType(
          r.fields().stream()
              .map(f -> new ValType.Field(f.label(), valType(f.type(), env)))
              .toList());
    } else if (t instanceof DefType.Variant v) {
      return new ValType.VariantType(
          v.cases().stream()
              .map(
                  c ->
                      new ValType.Case(c.label(), c.type() == null ? null : valType(c.type(), env)))
              .toList());
    } else if (t instanceof DefType.ListOf l) {
      return new ValType.ListType(valType(l.element(), env));
    } else if (t instanceof DefType.Tuple tu) {
      return new ValType.TupleType(tu.types().stream().map(x -> valType(x, env)).toList());
    } else if (t instanceof DefType.Flags f) {
      return new ValType.FlagsType(f.labels());
    } else if (t instanceof DefType.Enum e) {
      return new ValType.EnumType(e.labels());
    } else if (t instanceof DefType.Option o) {
      return new ValType.OptionType(valType(o.type(), env));
    } else if (t instanceof DefType.Result r) {
      return new ValType.ResultType(
          r.ok() == null ? null : valType(r.ok(), env),
          r.err() == null ? null : valType(r.err(), env));
    } else if (t instanceof DefType.Own o) {
      return new ValType.OwnType(resource(o.resource(), env));
    } else if (t instanceof DefType.Borrow b) {
      return new ValType.BorrowType(resource(b.resource(), env));
    }
    throw new IllegalStateException("not a value type: " + t);
  }

  /** The extern type an import/export descriptor declares, against {@code env}. */
  static ExternType descType(ExternDesc d, TypeEnv env, String name) {
    if (d instanceof ExternDesc.Func f) {
      return env.type(f.type());
    } else if (d instanceof ExternDesc.Type t) {
      if (t.eq() != null) {
        return env.type(t.eq());
      }
      return new ExternType.Resource(new ResourceType(name));
    } else if (d instanceof ExternDesc.Instance i) {
      return env.type(i.type());
    } else if (d instanceof ExternDesc.Component c) {
      return env.type(c.type());
    } else if (d instanceof ExternDesc.Value v) {
      return new ExternType.Value(v.type() == null ? null : valType(v.type(), env));
    }
    return new ExternType.Module();
  }

  private static DeclScope declare(List<Decl> decls, TypeEnv parent) {
    DeclScope s = new DeclScope(parent);
    for (Decl d : decls) {
      if (d instanceof Decl.TypeDecl td) {
        s.types.add(resolve(td.type(), s, null));
      } else if (d instanceof Decl.AliasDecl a) {
        s.alias(a.sort(), a.target());
      } else if (d instanceof Decl.ExportDecl e) {
        s.add(e.desc().sort(), descType(e.desc(), s, e.name().raw()));
        s.exports.put(e.name().raw(), s.last(e.desc().sort()));
      } else if (d instanceof Decl.ImportDecl i) {
        s.add(i.desc().sort(), descType(i.desc(), s, i.name().raw()));
        s.imports.put(i.name().raw(), s.last(i.desc().sort()));
      }
      // core type declarators only matter to core module descriptors, which are not resolved
    }
    return s;
  }

  /** The index spaces of one component or instance type while its declarators are resolved. */
  private static final class DeclScope implements TypeEnv {
    final TypeEnv parent;
    final List<ExternType> types = new ArrayList<>();
    final List<ExternType> instances = new ArrayList<>();
    final List<ExternType> others = new ArrayList<>();
    final Map<String, ExternType> imports = new LinkedHashMap<>();
    final Map<String, ExternType> exports = new LinkedHashMap<>();

    DeclScope(TypeEnv parent) {
      this.parent = parent;
    }

    ExternType.Instance instance() {
      return new ExternType.Instance(exports);
    }

    void add(Sort sort, ExternType t) {
      (sort == Sort.TYPE ? types : sort == Sort.INSTANCE ? instances : others).add(t);
    }

    ExternType last(Sort sort) {
      List<ExternType> l = sort == Sort.TYPE ? types : sort == Sort.INSTANCE ? instances : others;
      return l.get(l.size() - 1);
    }

    void alias(Sort sort, AliasTarget target) {
      if (target instanceof AliasTarget.Outer o) {
        add(sort, outer(o.count()).type(o.index()));
      } else if (target instanceof AliasTarget.InstanceExport ie) {
        ExternType t = instanceType(ie.instance()).exports().get(ie.name());
        if (t == null) {
          throw new LinkException("instance type has no export " + ie.name());
        }
        add(sort, t);
      } else {
        throw new LinkException("core export aliases are not allowed in types");
      }
    }

    @Override
    public ExternType type(int index) {
      return types.get(index);
    }

    @Override
    public TypeEnv outer(int count) {
      return count == 0 ? this : parent.outer(count - 1);
    }

    @Override
    public ExternType.Instance instanceType(int index) {
      ExternType t = instances.get(index);
      if (t instanceof ExternType.Instance i) {
        return i;
      }
      throw new LinkException("instance index " + index + " has no instance type");
    }
  }
}
