package virga.component.core.chicory;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import virga.component.MalformedComponentException;

/**
 * Module-level validation rules that Chicory 1.7.5's parser does not check but our wrappers rely
 * on: export indices (and unique export names) and the type indices of function imports. (It does
 * check the start function and the function section.) Without them a bad index surfaces later as an
 * {@link IndexOutOfBoundsException} or a {@link NullPointerException} instead of a {@link
 * MalformedComponentException}.
 *
 * <p>Offsets are relative to the start of the module: the export entry for export errors, the
 * section for the others (found by walking the section headers of the bytes Chicory accepted).
 */
final class ModuleChecks {
  private static final int IMPORT_SECTION = 2;
  private static final int EXPORT_SECTION = 7;

  private final WasmModule module;
  private final byte[] wasm;
  private final Map<ExternalType, Integer> counts = new EnumMap<>(ExternalType.class);
  private final String emptyNameAlias;

  private ModuleChecks(WasmModule module, byte[] wasm, String emptyNameAlias) {
    this.module = module;
    this.wasm = wasm;
    this.emptyNameAlias = emptyNameAlias;
  }

  /** Throws {@link MalformedComponentException} ("invalid core module: ...") on a violation. */
  static void check(WasmModule module, byte[] wasm) {
    check(module, wasm, null);
  }

  /**
   * As {@link #check(WasmModule, byte[])}, for a module Chicory parsed with {@code emptyNameAlias}
   * in place of empty import names (see {@link EmptyImportNames}); messages name the original.
   */
  static void check(WasmModule module, byte[] wasm, String emptyNameAlias) {
    new ModuleChecks(module, wasm, emptyNameAlias).run();
  }

  private void run() {
    var imports = module.importSection();
    for (int i = 0; i < imports.importCount(); i++) {
      Import imp = imports.getImport(i);
      counts.merge(imp.importType(), 1, Integer::sum);
      if (imp instanceof FunctionImport f && funcType(f.typeIndex()) == null) {
        throw error(
            "import `"
                + imp.module()
                + "` `"
                + EmptyImportNames.field(imp, emptyNameAlias)
                + "` has type "
                + Integer.toUnsignedString(f.typeIndex())
                + ", which is "
                + typeProblem(f.typeIndex()),
            sectionOffset(IMPORT_SECTION));
      }
    }
    counts.merge(ExternalType.FUNCTION, module.functionSection().functionCount(), Integer::sum);
    counts.merge(ExternalType.TABLE, module.tableSection().tableCount(), Integer::sum);
    counts.merge(
        ExternalType.MEMORY,
        module.memorySection().map(s -> s.memoryCount()).orElse(0),
        Integer::sum);
    counts.merge(ExternalType.GLOBAL, module.globalSection().globalCount(), Integer::sum);
    counts.merge(
        ExternalType.TAG, module.tagSection().map(s -> s.tagCount()).orElse(0), Integer::sum);

    checkExports();
  }

  private void checkExports() {
    var exports = module.exportSection();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < exports.exportCount(); i++) {
      Export e = exports.getExport(i);
      ExternalType kind = e.exportType();
      int n = count(kind);
      if (!names.add(e.name())) {
        throw error("duplicate export name `" + e.name() + "`", exportOffset(i));
      }
      if (e.index() < 0 || e.index() >= n) {
        throw error(
            "export `"
                + e.name()
                + "` refers to "
                + kindName(kind)
                + " "
                + Integer.toUnsignedString(e.index())
                + ", but there are only "
                + n,
            exportOffset(i));
      }
      if (kind == ExternalType.FUNCTION && ChicoryTypes.functionType(module, e.index()) == null) {
        throw error(
            "export `" + e.name() + "` refers to function " + e.index() + " of a non-function type",
            exportOffset(i));
      }
    }
  }

  private int count(ExternalType kind) {
    return counts.getOrDefault(kind, 0);
  }

  /** The function type at {@code typeIdx}, or null when out of range or not a function type. */
  private FunctionType funcType(int typeIdx) {
    var types = module.typeSection();
    if (typeIdx < 0 || typeIdx >= types.subTypeCount()) {
      return null;
    }
    return types.getSubType(typeIdx).compType().funcType();
  }

  private String typeProblem(int typeIdx) {
    int n = module.typeSection().subTypeCount();
    return typeIdx < 0 || typeIdx >= n
        ? "out of range (there are only " + n + " types)"
        : "not a function type";
  }

  private static String kindName(ExternalType kind) {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static MalformedComponentException error(String message, long offset) {
    return new MalformedComponentException(
        "invalid core module: " + message, offset, ChicoryEngine.SECTION);
  }

  // --- offsets in the raw bytes (already accepted by Chicory's parser, so well formed) ---

  /** The offset of the id byte of the first section with {@code id}, or 0 if there is none. */
  private long sectionOffset(int id) {
    try {
      int[] pos = {8};
      while (pos[0] < wasm.length) {
        int at = pos[0];
        int sid = wasm[pos[0]++] & 0xff;
        long size = leb(pos);
        if (sid == id) {
          return at;
        }
        pos[0] += (int) size;
      }
    } catch (ArrayIndexOutOfBoundsException notWellFormed) {
      // fall through: no precise offset
    }
    return 0;
  }

  /** The offset of export entry {@code index}, or of the export section if it cannot be found. */
  private long exportOffset(int index) {
    long section = sectionOffset(EXPORT_SECTION);
    if (section == 0) {
      return 0;
    }
    try {
      int[] pos = {(int) section + 1};
      leb(pos); // section size
      leb(pos); // export count
      for (int i = 0; i < index; i++) {
        int nameLength = (int) leb(pos); // not `pos[0] += leb(pos)`: that reads pos[0] first
        pos[0] += nameLength;
        pos[0]++; // kind
        leb(pos); // index
      }
      return pos[0] < wasm.length ? pos[0] : section;
    } catch (ArrayIndexOutOfBoundsException notWellFormed) {
      return section;
    }
  }

  private long leb(int[] pos) {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = wasm[pos[0]++] & 0xff;
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
    }
    return result;
  }
}
