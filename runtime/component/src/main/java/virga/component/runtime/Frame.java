package virga.component.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import virga.component.LinkException;
import virga.component.binary.Sort;
import virga.component.core.CoreFunction;
import virga.component.core.CoreGlobal;
import virga.component.core.CoreInstance;
import virga.component.core.CoreMemory;
import virga.component.core.CoreTable;

/** The index spaces of one component instantiation in progress, filled in definition order. */
final class Frame implements TypeEnv {
  final Frame enclosing;
  final CanonicalAbi.InstanceState abiState;
  final List<Item.Module> modules = new ArrayList<>();
  final List<CoreInstance> coreInstances = new ArrayList<>();
  final List<CoreFunction> coreFuncs = new ArrayList<>();
  final List<CoreTable> tables = new ArrayList<>();
  final List<CoreMemory> memories = new ArrayList<>();
  final List<CoreGlobal> globals = new ArrayList<>();
  final List<Object> coreTypes = new ArrayList<>();
  final List<Item.Func> funcs = new ArrayList<>();
  final List<Item.Val> values = new ArrayList<>();
  final List<Item.Type> types = new ArrayList<>();
  final List<Item.Component> components = new ArrayList<>();
  final List<Item.Instance> instances = new ArrayList<>();
  final Map<String, Item> exports = new LinkedHashMap<>();

  Frame(Frame enclosing, CanonicalAbi.InstanceState abiState) {
    this.enclosing = enclosing;
    this.abiState = abiState;
  }

  private static <T> T at(List<T> space, int index, Sort sort) {
    if (index < 0 || index >= space.size()) {
      throw new LinkException(sort + " index " + index + " out of range");
    }
    return space.get(index);
  }

  /** The component-level item {@code index} of {@code sort}. */
  Item item(Sort sort, int index) {
    return switch (sort) {
      case FUNC -> at(funcs, index, sort);
      case VALUE -> at(values, index, sort);
      case TYPE -> at(types, index, sort);
      case COMPONENT -> at(components, index, sort);
      case INSTANCE -> at(instances, index, sort);
      case CORE_MODULE -> at(modules, index, sort);
      default -> throw new LinkException("a " + sort + " is not a component-level item");
    };
  }

  /** Appends {@code item} to the space of {@code sort}, checking that it is of that sort. */
  void push(Sort sort, Item item, String what) {
    boolean ok =
        switch (sort) {
          case FUNC -> item instanceof Item.Func f && funcs.add(f);
          case VALUE -> item instanceof Item.Val v && values.add(v);
          case TYPE -> item instanceof Item.Type t && types.add(t);
          case COMPONENT -> item instanceof Item.Component c && components.add(c);
          case INSTANCE -> item instanceof Item.Instance i && instances.add(i);
          case CORE_MODULE -> item instanceof Item.Module m && modules.add(m);
          default -> false;
        };
    if (!ok) {
      throw new LinkException(what + ": expected a " + sort + ", found " + item.type());
    }
  }

  Object core(Sort sort, int index) {
    return switch (sort) {
      case CORE_FUNC -> at(coreFuncs, index, sort);
      case CORE_TABLE -> at(tables, index, sort);
      case CORE_MEMORY -> at(memories, index, sort);
      case CORE_GLOBAL -> at(globals, index, sort);
      case CORE_INSTANCE -> at(coreInstances, index, sort);
      case CORE_MODULE -> at(modules, index, sort);
      case CORE_TYPE -> at(coreTypes, index, sort);
      default -> throw new LinkException("a " + sort + " is not a core item");
    };
  }

  @Override
  public ExternType type(int index) {
    return at(types, index, Sort.TYPE).definition();
  }

  @Override
  public TypeEnv outer(int count) {
    return frameOut(count);
  }

  Frame frameOut(int count) {
    Frame f = this;
    for (int i = 0; i < count; i++) {
      f = f.enclosing;
      if (f == null) {
        throw new LinkException("outer alias count " + count + " exceeds the enclosing components");
      }
    }
    return f;
  }

  @Override
  public ExternType.Instance instanceType(int index) {
    return at(instances, index, Sort.INSTANCE).type();
  }
}
