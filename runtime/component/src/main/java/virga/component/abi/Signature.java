package virga.component.abi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import virga.component.LinkException;
import virga.component.types.FuncType;
import virga.component.types.ValType;
import virga.component.values.ValueTypeException;

/**
 * The per-function part of lifting and lowering, computed once: a plan per parameter, the parameter
 * tuple used when the parameters spill to memory, the result plan, and whether the result spills.
 */
final class Signature {
  final FuncType type;
  final TypePlan[] params;
  final int paramFlat;
  final boolean spillParams;
  final RecordPlan paramTuple;
  final TypePlan result;
  final boolean spillResult;

  private static final int CACHE_SIZE = 1024;

  /**
   * Signatures by function type, shared by every instance (plans are immutable and depend on the
   * type only; resource types compare by identity, so a cached plan is reused only for the very
   * same resources). Bounded, least recently used first out: instantiating the same component
   * again, or linking the same host interfaces again, finds its plans here.
   */
  private static final Map<FuncType, Signature> CACHE =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<FuncType, Signature> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  /** The signature of {@code type}, from the shared cache when possible. */
  static Signature of(FuncType type) {
    synchronized (CACHE) {
      Signature s = CACHE.get(type);
      if (s != null) {
        return s;
      }
    }
    Signature s = new Signature(type);
    synchronized (CACHE) {
      CACHE.put(type, s);
    }
    return s;
  }

  Signature(FuncType type) {
    this.type = type;
    List<ValType> pts = type.paramTypes();
    this.params = pts.stream().map(TypePlans::of).toArray(TypePlan[]::new);
    int flat = 0;
    for (TypePlan p : params) {
      flat += p.flatCount;
    }
    this.paramFlat = flat;
    this.spillParams = flat > Flattening.MAX_FLAT_PARAMS;
    this.paramTuple = spillParams ? TypePlans.tuple(new ValType.TupleType(pts)) : null;
    this.result = type.result() == null ? null : TypePlans.of(type.result());
    this.spillResult = result != null && result.flatCount > Flattening.MAX_FLAT_RESULTS;
  }

  boolean paramsUseMemory() {
    return spillParams || type.paramTypes().stream().anyMatch(Signature::usesMemory);
  }

  boolean resultUsesMemory() {
    return spillResult || (type.result() != null && usesMemory(type.result()));
  }

  void checkArgCount(int n) {
    if (n != params.length) {
      throw new ValueTypeException("function takes " + params.length + " argument(s), got " + n);
    }
  }

  /**
   * Checks the options a function needs: memory for strings, lists or spills; realloc to allocate.
   */
  void checkOptions(
      CanonOptions opts, boolean reallocForParams, boolean reallocForResult, String what) {
    if ((paramsUseMemory() || resultUsesMemory()) && opts.memory() == null) {
      throw new LinkException(what + " " + type + ": needs the memory canonical option");
    }
    boolean needsRealloc =
        (reallocForParams
                && (spillParams || type.paramTypes().stream().anyMatch(Signature::usesMemory)))
            || (reallocForResult && type.result() != null && usesMemory(type.result()));
    if (needsRealloc && opts.realloc() == null) {
      throw new LinkException(what + " " + type + ": needs the realloc canonical option");
    }
  }

  /** Whether values of {@code t} point into memory (contain a string or list). */
  static boolean usesMemory(ValType t) {
    if (t == ValType.Primitive.STRING || t instanceof ValType.ListType) {
      return true;
    } else if (t instanceof ValType.RecordType r) {
      return r.fields().stream().anyMatch(f -> usesMemory(f.type()));
    } else if (t instanceof ValType.TupleType tup) {
      return tup.types().stream().anyMatch(Signature::usesMemory);
    } else if (t instanceof ValType.VariantType v) {
      return v.cases().stream().anyMatch(c -> c.type() != null && usesMemory(c.type()));
    } else if (t instanceof ValType.OptionType o) {
      return usesMemory(o.type());
    } else if (t instanceof ValType.ResultType r) {
      return (r.ok() != null && usesMemory(r.ok())) || (r.err() != null && usesMemory(r.err()));
    }
    return false;
  }
}
