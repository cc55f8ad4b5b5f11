package virga.component.core.chicory;

import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportTable;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.GlobalImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MutabilityType;
import virga.component.LinkException;
import virga.component.TrapException;
import virga.component.core.CoreExtern;
import virga.component.core.CoreFuncType;
import virga.component.core.CoreFunction;
import virga.component.core.CoreGlobal;
import virga.component.core.CoreImports;
import virga.component.core.CoreMemory;
import virga.component.core.CoreTable;
import virga.component.core.CoreValType;

/**
 * Resolves a module's imports from {@link CoreImports} into Chicory {@link ImportValues}, checking
 * kinds and function/global types so that mismatches fail with a {@link LinkException} naming the
 * import and both types.
 */
final class ImportLinker {
  private ImportLinker() {}

  /**
   * Resolves every import; {@code emptyNameAlias} is the field name Chicory sees for {@code (import
   * "" "" (func))} (see {@link EmptyImportNames}), or null.
   */
  static ImportValues link(WasmModule module, CoreImports imports, String emptyNameAlias) {
    var b = ImportValues.builder();
    var section = module.importSection();
    for (int i = 0; i < section.importCount(); i++) {
      Import imp = section.getImport(i);
      CoreExtern value =
          imports
              .get(imp.module(), EmptyImportNames.field(imp, emptyNameAlias))
              .orElseThrow(
                  () ->
                      new LinkException(
                          "missing import "
                              + where(imp, emptyNameAlias)
                              + ": expected "
                              + describeExpected(module, imp)));
      switch (imp.importType()) {
        case FUNCTION:
          b.addFunction(function(module, (FunctionImport) imp, value, emptyNameAlias));
          break;
        case MEMORY:
          if (!(value instanceof CoreMemory)) {
            throw mismatch(module, imp, value);
          }
          b.addMemory(new ImportMemory(imp.module(), imp.name(), chicory(imp, value).raw()));
          break;
        case TABLE:
          if (!(value instanceof CoreTable)) {
            throw mismatch(module, imp, value);
          }
          // each importing module gets its own view of the shared table (see TableView)
          b.addTable(
              new ImportTable(
                  imp.module(), imp.name(), TableView.of(chicoryTable(imp, value).raw(), module)));
          break;
        case GLOBAL:
          b.addGlobal(global((GlobalImport) imp, value));
          break;
        default:
          throw new LinkException("import " + where(imp) + ": tag imports are not supported");
      }
    }
    return b.build();
  }

  private static ImportFunction function(
      WasmModule module, FunctionImport imp, CoreExtern value, String alias) {
    if (!(value instanceof CoreFunction)) {
      throw mismatch(module, imp, value, alias);
    }
    FunctionType expected = module.typeSection().getType(imp.typeIndex());
    CoreFuncType expectedCore = ChicoryTypes.funcType(expected);
    CoreFunction fn = (CoreFunction) value;
    if (!expectedCore.equals(fn.type())) {
      throw new LinkException(
          "import "
              + where(imp, alias)
              + " has the wrong type: expected "
              + expectedCore
              + ", got "
              + fn.type());
    }
    WasmFunctionHandle handle;
    if (fn instanceof ChicoryFunction) {
      // Guest-to-guest: call the exporting instance's machine directly; traps and deadlines are
      // handled once, at the outermost call from Java.
      ChicoryFunction target = (ChicoryFunction) fn;
      handle = (instance, args) -> target.callRaw(args);
    } else {
      int results = expectedCore.results().size();
      handle = (instance, args) -> checkResults(imp, alias, fn.call(args), results);
    }
    return new ImportFunction(imp.module(), imp.name(), expected, handle);
  }

  private static long[] checkResults(Import imp, String alias, long[] r, int expected) {
    int got = r == null ? 0 : r.length;
    if (got != expected) {
      throw new TrapException(
          "host function " + where(imp) + " returned " + got + " results, expected " + expected);
    }
    return r;
  }

  private static ImportGlobal global(GlobalImport imp, CoreExtern value) {
    if (!(value instanceof CoreGlobal)) {
      throw new LinkException("import " + where(imp) + " is a global, got " + kindOf(value));
    }
    CoreGlobal g = (CoreGlobal) value;
    CoreValType want = ChicoryTypes.valType(imp.type());
    boolean wantMutable = imp.mutabilityType() == MutabilityType.Var;
    if (g.type() != want || g.mutable() != wantMutable) {
      throw new LinkException(
          "import "
              + where(imp)
              + " has the wrong type: expected "
              + globalType(want, wantMutable)
              + ", got "
              + globalType(g.type(), g.mutable()));
    }
    if (!(g instanceof ChicoryGlobal)) {
      throw new LinkException(
          "import " + where(imp) + ": only globals exported by Chicory instances can be imported");
    }
    return new ImportGlobal(imp.module(), imp.name(), ((ChicoryGlobal) g).raw());
  }

  private static ChicoryMemory chicory(Import imp, CoreExtern value) {
    if (!(value instanceof ChicoryMemory)) {
      throw new LinkException(
          "import " + where(imp) + ": only memories exported by Chicory instances can be imported");
    }
    return (ChicoryMemory) value;
  }

  private static ChicoryTable chicoryTable(Import imp, CoreExtern value) {
    if (!(value instanceof ChicoryTable)) {
      throw new LinkException(
          "import " + where(imp) + ": only tables exported by Chicory instances can be imported");
    }
    return (ChicoryTable) value;
  }

  private static LinkException mismatch(WasmModule module, Import imp, CoreExtern value) {
    return mismatch(module, imp, value, null);
  }

  private static LinkException mismatch(
      WasmModule module, Import imp, CoreExtern value, String alias) {
    return new LinkException(
        "import "
            + where(imp, alias)
            + " has the wrong kind: expected "
            + describeExpected(module, imp)
            + ", got "
            + kindOf(value));
  }

  static String where(Import imp) {
    return where(imp, null);
  }

  static String where(Import imp, String alias) {
    return "\"" + imp.module() + "\" \"" + EmptyImportNames.field(imp, alias) + "\"";
  }

  private static String describeExpected(WasmModule module, Import imp) {
    switch (imp.importType()) {
      case FUNCTION:
        return "a function "
            + ChicoryTypes.funcType(
                module.typeSection().getType(((FunctionImport) imp).typeIndex()));
      case GLOBAL:
        GlobalImport g = (GlobalImport) imp;
        return "a global "
            + globalType(ChicoryTypes.valType(g.type()), g.mutabilityType() == MutabilityType.Var);
      default:
        return "a " + imp.importType().name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static String globalType(CoreValType t, boolean mutable) {
    return mutable ? "(mut " + t + ")" : t.toString();
  }

  private static String kindOf(CoreExtern value) {
    if (value instanceof CoreFunction) {
      return "a function " + ((CoreFunction) value).type();
    }
    if (value instanceof CoreMemory) {
      return "a memory";
    }
    if (value instanceof CoreTable) {
      return "a table";
    }
    CoreGlobal g = (CoreGlobal) value;
    return "a global " + globalType(g.type(), g.mutable());
  }
}
