package virga.component.runtime;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import virga.component.LinkException;
import virga.component.binary.AliasTarget;
import virga.component.binary.Canon;
import virga.component.binary.CanonOptions;
import virga.component.binary.ComponentAst;
import virga.component.binary.DefType;
import virga.component.binary.Definition;
import virga.component.binary.Sort;
import virga.component.core.CoreExtern;
import virga.component.core.CoreFunction;
import virga.component.core.CoreGlobal;
import virga.component.core.CoreImport;
import virga.component.core.CoreImports;
import virga.component.core.CoreInstance;
import virga.component.core.CoreMemory;
import virga.component.core.CoreModule;
import virga.component.core.CoreTable;
import virga.component.core.InstanceLimits;

/**
 * Instantiates a component by running its definitions in order: every definition appends to an
 * index space of a {@link Frame}. Nested components run the same way in a frame of their own whose
 * enclosing frame serves outer aliases; composition is just instantiating one component with the
 * exports of another.
 */
public final class Instantiator {
  private final CanonicalAbi abi;
  private final Map<Definition.CoreModule, CoreModule> compiled;
  private final InstanceLimits limits;

  /**
   * @param compiled the compiled core module of every core module definition, by identity
   */
  public Instantiator(
      CanonicalAbi abi, Map<Definition.CoreModule, CoreModule> compiled, InstanceLimits limits) {
    this.abi = abi;
    this.compiled = compiled;
    this.limits = limits;
  }

  /** Instantiates the root component with {@code imports} by import name. */
  public Item.Instance instantiate(ComponentAst ast, Map<String, Item> imports, String name) {
    return run(ast, null, imports, name);
  }

  private Item.Instance run(
      ComponentAst ast, Frame enclosing, Map<String, Item> args, String name) {
    Frame f = new Frame(enclosing, abi.newInstance(name));
    for (Definition d : ast.definitions()) {
      try {
        step(f, d, args, ast);
      } catch (LinkException e) {
        throw new LinkException(
            e.getMessage() + " (" + d.section() + " definition at byte " + d.offset() + ")", e);
      }
    }
    return new Item.Instance(f.exports);
  }

  private void step(Frame f, Definition d, Map<String, Item> args, ComponentAst ast) {
    if (d instanceof Definition.CoreModule m) {
      CoreModule cm = compiled.get(m);
      if (cm == null) {
        throw new LinkException("core module was not compiled");
      }
      f.modules.add(new Item.Module(cm));
    } else if (d instanceof Definition.CoreInstantiate ci) {
      f.coreInstances.add(coreInstantiate(f, ci));
    } else if (d instanceof Definition.CoreInlineInstance ci) {
      Map<String, CoreExtern> exports = new HashMap<>();
      for (Definition.CoreInlineExport e : ci.exports()) {
        Object item = f.core(e.item().sort(), e.item().index());
        if (!(item instanceof CoreExtern x)) {
          throw new LinkException("cannot bundle a " + e.item().sort() + " into a core instance");
        }
        exports.put(e.name(), x);
      }
      f.coreInstances.add(new BundleInstance(exports));
    } else if (d instanceof Definition.CoreTypeDef t) {
      f.coreTypes.add(t.type());
    } else if (d instanceof Definition.NestedComponent c) {
      f.components.add(new Item.Component(c.component(), f));
    } else if (d instanceof Definition.Instantiate i) {
      Item.Component c = (Item.Component) f.item(Sort.COMPONENT, i.component());
      Map<String, Item> with = new LinkedHashMap<>();
      for (Definition.InstantiateArg a : i.args()) {
        with.put(a.name(), f.item(a.item().sort(), a.item().index()));
      }
      f.instances.add(run(c.ast(), (Frame) c.enclosing(), with, "component" + f.instances.size()));
    } else if (d instanceof Definition.InlineInstance i) {
      Map<String, Item> exports = new LinkedHashMap<>();
      for (Definition.InlineExport e : i.exports()) {
        exports.put(e.name().raw(), f.item(e.item().sort(), e.item().index()));
      }
      f.instances.add(new Item.Instance(exports));
    } else if (d instanceof Definition.Alias a) {
      alias(f, a.sort(), a.target());
    } else if (d instanceof Definition.Type t) {
      defineType(f, t, ast);
    } else if (d instanceof Definition.CanonDef c) {
      canon(f, c.canon());
    } else if (d instanceof Definition.Import i) {
      importItem(f, i, args);
    } else if (d instanceof Definition.Export e) {
      Item item = f.item(e.item().sort(), e.item().index());
      f.exports.put(e.name().raw(), item);
      f.push(e.item().sort(), item, "export " + e.name());
    }
  }

  private CoreInstance coreInstantiate(Frame f, Definition.CoreInstantiate ci) {
    CoreModule module = ((Item.Module) f.item(Sort.CORE_MODULE, ci.module())).module();
    Map<String, CoreInstance> byName = new HashMap<>();
    for (Definition.CoreArg a : ci.args()) {
      byName.put(a.name(), (CoreInstance) f.core(Sort.CORE_INSTANCE, a.instance()));
    }
    CoreImports imports = new CoreImports();
    for (CoreImport imp : module.imports()) {
      CoreInstance from = byName.get(imp.module());
      if (from == null) {
        throw new LinkException("core module import module `" + imp.module() + "` not supplied");
      }
      CoreExtern x =
          from.export(imp.name())
              .orElseThrow(
                  () ->
                      new LinkException(
                          "core import `" + imp.module() + "`.`" + imp.name() + "` not supplied"));
      imports.put(imp.module(), imp.name(), x);
    }
    return module.instantiate(imports, limits);
  }

  private void alias(Frame f, Sort sort, AliasTarget target) {
    if (target instanceof AliasTarget.InstanceExport ie) {
      Item.Instance inst = (Item.Instance) f.item(Sort.INSTANCE, ie.instance());
      Item item = inst.exports().get(ie.name());
      if (item == null) {
        throw new LinkException("instance " + ie.instance() + " has no export `" + ie.name() + "`");
      }
      f.push(sort, item, "alias of export `" + ie.name() + "`");
    } else if (target instanceof AliasTarget.CoreInstanceExport ce) {
      CoreInstance inst = (CoreInstance) f.core(Sort.CORE_INSTANCE, ce.instance());
      CoreExtern x =
          inst.export(ce.name())
              .orElseThrow(
                  () ->
                      new LinkException(
                          "core instance " + ce.instance() + " has no export `" + ce.name() + "`"));
      pushCore(f, sort, x, ce.name());
    } else if (target instanceof AliasTarget.Outer o) {
      Frame out = f.frameOut(o.count());
      switch (sort) {
        case TYPE -> f.types.add(out.types.get(o.index()));
        case CORE_MODULE -> f.modules.add(out.modules.get(o.index()));
        case COMPONENT -> f.components.add(out.components.get(o.index()));
        case CORE_TYPE -> f.coreTypes.add(out.coreTypes.get(o.index()));
        default -> throw new LinkException("cannot alias an outer " + sort);
      }
    }
  }

  private static void pushCore(Frame f, Sort sort, CoreExtern x, String name) {
    boolean ok =
        switch (sort) {
          case CORE_FUNC -> x instanceof CoreFunction fn && f.coreFuncs.add(fn);
          case CORE_MEMORY -> x instanceof CoreMemory m && f.memories.add(m);
          case CORE_TABLE -> x instanceof CoreTable t && f.tables.add(t);
          case CORE_GLOBAL -> x instanceof CoreGlobal g && f.globals.add(g);
          default -> false;
        };
    if (!ok) {
      throw new LinkException("core export `" + name + "` is not a " + sort);
    }
  }

  private void defineType(Frame f, Definition.Type t, ComponentAst ast) {
    String name = ast.names().name(Sort.TYPE, f.types.size());
    ExternType type = TypeResolver.resolve(t.type(), f, name);
    if (type instanceof ExternType.Resource r) {
      Integer dtor = ((DefType.Resource) t.type()).destructor();
      abi.defineResource(
          f.abiState, r.type(), dtor == null ? null : (CoreFunction) f.core(Sort.CORE_FUNC, dtor));
    }
    f.types.add(new Item.Type(type));
  }

  private void canon(Frame f, Canon c) {
    if (c instanceof Canon.Lift l) {
      if (!(f.type(l.type()) instanceof ExternType.Func ft)) {
        throw new LinkException("canon lift: type " + l.type() + " is not a function type");
      }
      CoreFunction core = (CoreFunction) f.core(Sort.CORE_FUNC, l.coreFunc());
      f.funcs.add(new Item.Func(abi.lift(f.abiState, ft.type(), core, options(f, l.options()))));
    } else if (c instanceof Canon.Lower l) {
      ComponentFunction callee = ((Item.Func) f.item(Sort.FUNC, l.func())).function();
      f.coreFuncs.add(abi.lower(f.abiState, callee.type(), callee, options(f, l.options())));
    } else if (c instanceof Canon.ResourceNew r) {
      f.coreFuncs.add(abi.resourceNew(f.abiState, resource(f, r.type())));
    } else if (c instanceof Canon.ResourceDrop r) {
      f.coreFuncs.add(abi.resourceDrop(f.abiState, resource(f, r.type())));
    } else if (c instanceof Canon.ResourceRep r) {
      f.coreFuncs.add(abi.resourceRep(f.abiState, resource(f, r.type())));
    }
  }

  private static virga.component.types.ResourceType resource(Frame f, int index) {
    if (f.type(index) instanceof ExternType.Resource r) {
      return r.type();
    }
    throw new LinkException("type " + index + " is not a resource type");
  }

  private static LoweringOptions options(Frame f, CanonOptions o) {
    return new LoweringOptions(
        o.stringEncoding(),
        o.memory() == null ? null : (CoreMemory) f.core(Sort.CORE_MEMORY, o.memory()),
        o.realloc() == null ? null : (CoreFunction) f.core(Sort.CORE_FUNC, o.realloc()),
        o.postReturn() == null ? null : (CoreFunction) f.core(Sort.CORE_FUNC, o.postReturn()));
  }

  private static void importItem(Frame f, Definition.Import i, Map<String, Item> args) {
    String name = i.name().raw();
    Item supplied = args.get(name);
    if (supplied == null) {
      throw new LinkException("import `" + name + "` was not supplied");
    }
    ExternType declared = TypeResolver.descType(i.desc(), f, name);
    new TypeMatcher().match(name, declared, supplied.type());
    f.push(i.desc().sort(), withDeclaredValueTypes(declared, supplied), "import `" + name + "`");
  }

  /**
   * A supplied instance that lacks value types its declaration exports gets them from the
   * declaration, so hosts register functions and resources only, as with wasmtime.
   */
  private static Item withDeclaredValueTypes(ExternType declared, Item supplied) {
    if (!(declared instanceof ExternType.Instance di) || !(supplied instanceof Item.Instance si)) {
      return supplied;
    }
    Map<String, Item> exports = new LinkedHashMap<>(si.exports());
    boolean added = false;
    for (Map.Entry<String, ExternType> e : di.exports().entrySet()) {
      if (e.getValue() instanceof ExternType.Val && !exports.containsKey(e.getKey())) {
        exports.put(e.getKey(), new Item.Type(e.getValue()));
        added = true;
      }
    }
    return added ? new Item.Instance(exports) : supplied;
  }
}
