package virga.component.core.chicory;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.UnlinkableException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import virga.component.ComponentException;
import virga.component.LinkException;
import virga.component.core.CoreExport;
import virga.component.core.CoreImport;
import virga.component.core.CoreImports;
import virga.component.core.CoreModule;
import virga.component.core.InstanceLimits;

/** A parsed, validated and compiled core module; immutable and safe to instantiate concurrently. */
public final class ChicoryModule implements CoreModule {
  private final String digest;
  private final WasmModule module;
  private final Function<Instance, Machine> machineFactory;
  private final boolean compiled;
  // the field name Chicory sees for `(import "" "" (func))`, or null (see EmptyImportNames)
  private final String emptyNameAlias;
  private final List<CoreImport> imports;
  private final List<CoreExport> exports;

  ChicoryModule(
      String digest,
      WasmModule module,
      Function<Instance, Machine> machineFactory,
      boolean compiled,
      String emptyNameAlias) {
    this.digest = digest;
    this.emptyNameAlias = emptyNameAlias;
    this.module = module;
    this.machineFactory = machineFactory;
    this.compiled = compiled;
    this.imports = describeImports(module, emptyNameAlias);
    this.exports = describeExports(module);
  }

  private static List<CoreImport> describeImports(WasmModule module, String alias) {
    var out = new ArrayList<CoreImport>();
    var section = module.importSection();
    for (int i = 0; i < section.importCount(); i++) {
      Import imp = section.getImport(i);
      var kind = ChicoryTypes.kind(imp.importType());
      var type =
          kind == CoreImport.Kind.FUNCTION
              ? ChicoryTypes.funcType(
                  module.typeSection().getType(((FunctionImport) imp).typeIndex()))
              : null;
      out.add(new CoreImport(imp.module(), EmptyImportNames.field(imp, alias), kind, type));
    }
    return List.copyOf(out);
  }

  private static List<CoreExport> describeExports(WasmModule module) {
    var out = new ArrayList<CoreExport>();
    var section = module.exportSection();
    for (int i = 0; i < section.exportCount(); i++) {
      Export e = section.getExport(i);
      var kind = ChicoryTypes.kind(e.exportType());
      if (kind == CoreImport.Kind.FUNCTION) {
        ChicoryTypes.funcType(ChicoryTypes.functionType(module, e.index())); // rejects v128 early
      }
      out.add(new CoreExport(e.name(), kind));
    }
    return List.copyOf(out);
  }

  @Override
  public String digest() {
    return digest;
  }

  @Override
  public List<CoreImport> imports() {
    return imports;
  }

  @Override
  public List<CoreExport> exports() {
    return exports;
  }

  /** False when the JVM compiler failed on the whole module and it runs in the interpreter. */
  public boolean compiled() {
    return compiled;
  }

  /**
   * Instantiates: links imports, creates memories within {@code limits}, initialises tables and
   * memories and runs the start function (under the deadline). The {@code _start} export of WASI
   * commands is not run.
   *
   * @throws LinkException for a missing or mismatched import, or an initial memory above the limit
   * @throws virga.component.TrapException if initialisation or the start function traps
   */
  @Override
  public ChicoryInstance instantiate(CoreImports imports, InstanceLimits limits) {
    var importValues = ImportLinker.link(module, imports, emptyNameAlias);
    var builder =
        Instance.builder(module)
            .withImportValues(importValues)
            .withMachineFactory(machineFactory)
            .withMemoryFactory(memoryFactory(limits.maxMemoryBytes()))
            // tables are seen through views that type-check foreign slots (see TableView)
            .withTableFactory((table, initialRef) -> TableView.create(table, initialRef, module))
            .withStart(false);
    Instance instance = build(builder, limits);
    return new ChicoryInstance(instance, limits);
  }

  private static Function<MemoryLimits, Memory> memoryFactory(long maxBytes) {
    if (maxBytes <= 0) {
      return ChicoryModule::newMemory;
    }
    long capPages = maxBytes / Memory.PAGE_SIZE;
    return declared -> {
      if (declared.initialPages() > capPages) {
        throw new LinkException(
            "memory limit exceeded: the module needs "
                + (long) declared.initialPages() * Memory.PAGE_SIZE
                + " bytes of initial memory, the instance limit is "
                + maxBytes
                + " bytes");
      }
      int max = (int) Math.min(declared.maximumPages(), capPages);
      return newMemory(new MemoryLimits(declared.initialPages(), max, declared.shared()));
    };
  }

  /**
   * A flat-array memory where one can be used (see {@link FlatMemory} for why); Chicory's paged
   * memory for shared memories and for any whose initial size alone passes Chicory's maximum (the
   * instance then fails to link as it did before).
   */
  static Memory newMemory(MemoryLimits limits) {
    if (limits.shared() || limits.initialPages() > Memory.RUNTIME_MAX_PAGES) {
      return new ByteArrayMemory(limits);
    }
    return new FlatMemory(limits);
  }

  private static Instance build(Instance.Builder builder, InstanceLimits limits) {
    var deadline = limits.deadline();
    long token = deadline == null ? 0 : DeadlineWatchdog.SHARED.enter(deadline.toNanos());
    boolean armed = deadline != null;
    try {
      Instance instance = builder.build();
      if (armed) {
        armed = false;
        DeadlineWatchdog.SHARED.exit(token);
      }
      return instance;
    } catch (Throwable t) {
      boolean fired = armed && DeadlineWatchdog.SHARED.exit(token);
      throw instantiationFailure(t, deadline, fired);
    }
  }

  private static ComponentException instantiationFailure(
      Throwable t, java.time.Duration deadline, boolean fired) {
    if (t instanceof ComponentException) {
      return (ComponentException) t;
    }
    if (!fired && (t instanceof UnlinkableException || t instanceof InvalidException)) {
      return new LinkException("cannot link core module: " + t.getMessage(), t);
    }
    // Traps of the start function arrive wrapped; report the trap itself with its backtrace.
    Throwable trap =
        t instanceof UninstantiableException && t.getCause() != null ? t.getCause() : t;
    return Traps.toTrap(trap, deadline, fired);
  }
}
