package virga.component.core.chicory;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.List;
import virga.component.UnsupportedFeatureException;
import virga.component.core.CoreFuncType;
import virga.component.core.CoreImport;
import virga.component.core.CoreValType;

/** Conversions between Chicory's type model and the core SPI's. */
final class ChicoryTypes {
  private ChicoryTypes() {}

  static CoreValType valType(ValType t) {
    switch (t.opcode()) {
      case ValType.ID.I32:
        return CoreValType.I32;
      case ValType.ID.I64:
        return CoreValType.I64;
      case ValType.ID.F32:
        return CoreValType.F32;
      case ValType.ID.F64:
        return CoreValType.F64;
      case ValType.ID.V128:
        // The canonical ABI never passes v128; a module that does cannot be driven by the
        // component layer, so say so at compile time rather than at the first call.
        throw new UnsupportedFeatureException(
            "v128 in a core import or export signature is not supported", 0, "core module");
      default:
        return CoreValType.REF;
    }
  }

  static CoreFuncType funcType(FunctionType t) {
    return new CoreFuncType(valTypes(t.params()), valTypes(t.returns()));
  }

  private static List<CoreValType> valTypes(List<ValType> types) {
    var out = new ArrayList<CoreValType>(types.size());
    for (ValType t : types) {
      out.add(valType(t));
    }
    return out;
  }

  static CoreImport.Kind kind(ExternalType t) {
    switch (t) {
      case FUNCTION:
        return CoreImport.Kind.FUNCTION;
      case MEMORY:
        return CoreImport.Kind.MEMORY;
      case TABLE:
        return CoreImport.Kind.TABLE;
      case GLOBAL:
        return CoreImport.Kind.GLOBAL;
      default:
        throw new UnsupportedFeatureException(
            "core " + t + " imports and exports (exception handling) are not supported",
            0,
            "core module");
    }
  }

  /** The Chicory type of function {@code funcIdx} (imports first) of {@code module}. */
  static FunctionType functionType(WasmModule module, int funcIdx) {
    var imports = module.importSection();
    int seen = 0;
    for (int i = 0; i < imports.importCount(); i++) {
      var imp = imports.getImport(i);
      if (imp.importType() == ExternalType.FUNCTION) {
        if (seen == funcIdx) {
          return module.typeSection().getType(((FunctionImport) imp).typeIndex());
        }
        seen++;
      }
    }
    return module.functionSection().getFunctionType(funcIdx - seen, module.typeSection());
  }
}
