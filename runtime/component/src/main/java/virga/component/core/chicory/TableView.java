package virga.component.core.chicory;

import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ImportSection;
import com.dylibso.chicory.wasm.types.Table;
import com.dylibso.chicory.wasm.types.TableLimits;
import com.dylibso.chicory.wasm.types.TypeSection;
import com.dylibso.chicory.wasm.types.ValType;
import com.dylibso.chicory.wasm.types.Value;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One module's view of a (possibly shared) table: every Chicory instance sees its tables, own or
 * imported, through a view made for its module, and the views of one table share one store.
 *
 * <p><b>Why.</b> A funcref table slot holds a function index and the instance that put it there.
 * Chicory 1.7.5 checks {@code call_indirect (type t)} on a slot filled by another instance by
 * comparing the caller's type index {@code t} with the filler's type index of the function,
 * resolved in the filler's type section: two module-local indices, which agree only by accident.
 * Dynamically linked guests (componentize-qjs: the QuickJS runtime calls wit-dylib's import
 * adapters through the shared {@code __indirect_function_table}) trap with "indirect call type
 * mismatch" on every such call. The specification compares the function types themselves.
 *
 * <p><b>How.</b> When the viewing module reads a funcref slot filled by an instance of another
 * module (a "foreign" slot), the view answers with a trampoline instead: a tiny instance whose
 * module has the viewer's type section and a single function, imported, whose type index is the
 * viewer's index of the target's function type; its machine calls the target directly. Chicory's
 * index comparison then happens in the viewer's own index space and is exact (distinct but
 * equivalent type indices are accepted by Chicory's canonical equivalence). When the viewer has no
 * type equivalent to the target's, no {@code call_indirect} of the viewer can legally call it, and
 * the trampoline traps with the same message. Slots filled by the viewing module itself (or by
 * another instance of the same module) are returned unchanged, so the common case costs one
 * comparison. Trampolines are created on first use and cached per view.
 *
 * <p>Only funcref tables are translated; externref tables are passed through untouched.
 */
final class TableView extends TableInstance {
  private static final int REF_NULL = Value.REF_NULL_VALUE;

  private final TableInstance store;
  private final WasmModule viewer;

  /** Whether foreign slots are translated: a funcref table and a viewer with types. */
  private final boolean translating;

  private final ConcurrentHashMap<Target, Instance> trampolines = new ConcurrentHashMap<>();

  private TableView(TableInstance store, WasmModule viewer) {
    // the superclass' own storage stays empty: every method reads and writes the shared store
    super(new Table(store.elementType(), new TableLimits(0, 0)), REF_NULL);
    this.store = store;
    this.viewer = viewer;
    this.translating = isFuncRef(store.elementType()) && viewer.typeSection().subTypeCount() > 0;
  }

  /** A new table (for a table the module defines) seen by {@code module}. */
  static TableView create(Table table, int initialRef, WasmModule module) {
    return new TableView(new TableInstance(table, initialRef), module);
  }

  /**
   * The view of {@code table} (a view made for another module, or a plain table) for {@code
   * module}.
   */
  static TableView of(TableInstance table, WasmModule module) {
    TableInstance store = table instanceof TableView ? ((TableView) table).store : table;
    return new TableView(store, module);
  }

  private static boolean isFuncRef(ValType t) {
    return t.isReference() && t.typeIdx() == ValType.FuncRef.typeIdx();
  }

  @Override
  public int size() {
    return store.size();
  }

  @Override
  public ValType elementType() {
    return store.elementType();
  }

  @Override
  public TableLimits limits() {
    return store.limits();
  }

  @Override
  public int grow(int size, int value, Instance instance) {
    return store.grow(size, value, instance);
  }

  @Override
  public int ref(int index) {
    int ref = store.ref(index);
    if (ref == REF_NULL || !translating) {
      return ref;
    }
    return foreign(store.instance(index)) ? 0 : ref; // 0: a trampoline's only function
  }

  @Override
  public int requiredRef(int index) {
    int ref = ref(index);
    if (ref == REF_NULL) {
      return store.requiredRef(index); // throws Chicory's own "uninitialized element" error
    }
    return ref;
  }

  @Override
  public void setRef(int index, int value, Instance instance) {
    store.setRef(index, value, instance);
  }

  @Override
  public Instance instance(int index) {
    Instance owner = store.instance(index);
    if (!translating || !foreign(owner)) {
      return owner;
    }
    int ref = store.ref(index);
    if (ref == REF_NULL) {
      return owner;
    }
    return trampolines.computeIfAbsent(new Target(owner, ref), this::trampoline);
  }

  private boolean foreign(Instance owner) {
    return owner != null && owner.module() != viewer;
  }

  @Override
  public void reset() {
    store.reset();
  }

  private Instance trampoline(Target target) {
    TypeSection types = viewer.typeSection();
    TypeSection targetTypes = target.instance.module().typeSection();
    int targetType = target.instance.functionType(target.function);
    int typeIdx = -1;
    for (int t = 0; t < types.subTypeCount(); t++) {
      if (TypeSection.crossModuleCanonicallyEquivalent(types, t, targetTypes, targetType)) {
        typeIdx = t;
        break;
      }
    }
    Machine machine;
    if (typeIdx >= 0) {
      Machine targetMachine = target.instance.getMachine();
      int function = target.function;
      machine = (funcId, args) -> targetMachine.call(function, args);
    } else {
      // no type of the viewer is the target's: every call_indirect of the viewer mismatches
      machine =
          (funcId, args) -> {
            throw new ChicoryException("indirect call type mismatch");
          };
      typeIdx = 0;
    }
    FunctionType type = types.getType(typeIdx);
    var module =
        WasmModule.builder()
            .setTypeSection(types)
            .setImportSection(
                ImportSection.builder()
                    .addImport(new FunctionImport("virga", "trampoline", typeIdx))
                    .build())
            .build();
    Machine call = machine;
    return Instance.builder(module)
        .withImportValues(
            ImportValues.builder()
                .addFunction(
                    new ImportFunction(
                        "virga", "trampoline", type, (instance, args) -> call.call(0, args)))
                .build())
        .withMachineFactory(instance -> call)
        .withStart(false)
        .build();
  }

  private static final class Target {
    final Instance instance;
    final int function;

    Target(Instance instance, int function) {
      this.instance = instance;
      this.function = function;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Target
          && ((Target) o).instance == instance
          && ((Target) o).function == function;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(instance) * 31 + function;
    }
  }
}
