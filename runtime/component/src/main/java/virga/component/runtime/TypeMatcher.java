package virga.component.runtime;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import virga.component.LinkException;
import virga.component.types.FuncType;
import virga.component.types.ResourceType;
import virga.component.types.ValType;

/**
 * Checks that a supplied import matches the type the component declares for it. Abstract resources
 * the declaration introduces ({@code (sub resource)}) bind to the supplied resource on first sight;
 * afterwards they must match it consistently.
 */
final class TypeMatcher {
  private final Map<ResourceType, ResourceType> bound = new IdentityHashMap<>();

  /** Throws {@link LinkException} naming {@code path} when {@code actual} does not match. */
  void match(String path, ExternType declared, ExternType actual) {
    if (declared instanceof ExternType.Instance di) {
      if (!(actual instanceof ExternType.Instance ai)) {
        throw mismatch(path, "an instance", actual);
      }
      // resources first, so function types that use them see the binding
      for (Map.Entry<String, ExternType> e : di.exports().entrySet()) {
        if (e.getValue() instanceof ExternType.Resource) {
          matchExport(path, e.getKey(), e.getValue(), ai);
        }
      }
      for (Map.Entry<String, ExternType> e : di.exports().entrySet()) {
        if (!(e.getValue() instanceof ExternType.Resource)) {
          matchExport(path, e.getKey(), e.getValue(), ai);
        }
      }
    } else if (declared instanceof ExternType.Func df) {
      if (!(actual instanceof ExternType.Func af)) {
        throw mismatch(path, "a function", actual);
      }
      if (!funcEquals(df.type(), af.type())) {
        throw new LinkException(
            path + ": function type mismatch: expected " + df.type() + ", found " + af.type());
      }
    } else if (declared instanceof ExternType.Resource dr) {
      if (!(actual instanceof ExternType.Resource ar)) {
        throw mismatch(path, "a resource type", actual);
      }
      ResourceType prev = bound.putIfAbsent(dr.type(), ar.type());
      if (prev != null && prev != ar.type()) {
        throw new LinkException(path + ": resource type mismatch");
      }
    } else if (declared instanceof ExternType.Val dv) {
      if (!(actual instanceof ExternType.Val av) || !valEquals(dv.type(), av.type())) {
        throw mismatch(path, "value type " + dv.type(), actual);
      }
    } else if (declared.getClass() != actual.getClass()) {
      throw mismatch(path, declared.getClass().getSimpleName(), actual);
    }
  }

  private void matchExport(String path, String name, ExternType declared, ExternType.Instance ai) {
    ExternType actual = ai.exports().get(name);
    if (actual == null && declared instanceof ExternType.Val) {
      // Value types are structural: the component's own declaration is as good as the host's.
      return;
    }
    if (actual == null) {
      throw new LinkException(path + ": the supplied instance does not export `" + name + "`");
    }
    match(path + "#" + name, declared, actual);
  }

  private static LinkException mismatch(String path, String expected, ExternType actual) {
    return new LinkException(path + ": expected " + expected + ", found " + actual);
  }

  boolean funcEquals(FuncType a, FuncType b) {
    if (a.params().size() != b.params().size()) {
      return false;
    }
    for (int i = 0; i < a.params().size(); i++) {
      if (!valEquals(a.params().get(i).type(), b.params().get(i).type())) {
        return false;
      }
    }
    return a.result() == null ? b.result() == null : valEquals(a.result(), b.result());
  }

  boolean valEquals(ValType a, ValType b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof ValType.OwnType oa && b instanceof ValType.OwnType ob) {
      return resourceEquals(oa.resource(), ob.resource());
    }
    if (a instanceof ValType.BorrowType ba && b instanceof ValType.BorrowType bb) {
      return resourceEquals(ba.resource(), bb.resource());
    }
    if (a instanceof ValType.ListType la && b instanceof ValType.ListType lb) {
      return valEquals(la.element(), lb.element());
    }
    if (a instanceof ValType.OptionType oa && b instanceof ValType.OptionType ob) {
      return valEquals(oa.type(), ob.type());
    }
    if (a instanceof ValType.ResultType ra && b instanceof ValType.ResultType rb) {
      return valEquals(ra.ok(), rb.ok()) && valEquals(ra.err(), rb.err());
    }
    if (a instanceof ValType.TupleType ta && b instanceof ValType.TupleType tb) {
      return allEqual(ta.types(), tb.types());
    }
    if (a instanceof ValType.RecordType ra && b instanceof ValType.RecordType rb) {
      return ra.fields().size() == rb.fields().size()
          && allEqual(
              ra.fields().stream().map(ValType.Field::type).toList(),
              rb.fields().stream().map(ValType.Field::type).toList())
          && ra.fields().stream()
              .map(ValType.Field::name)
              .toList()
              .equals(rb.fields().stream().map(ValType.Field::name).toList());
    }
    if (a instanceof ValType.VariantType va && b instanceof ValType.VariantType vb) {
      if (va.cases().size() != vb.cases().size()) {
        return false;
      }
      for (int i = 0; i < va.cases().size(); i++) {
        ValType.Case ca = va.cases().get(i);
        ValType.Case cb = vb.cases().get(i);
        if (!ca.name().equals(cb.name()) || !valEquals(ca.type(), cb.type())) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private boolean allEqual(List<ValType> a, List<ValType> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!valEquals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private boolean resourceEquals(ResourceType declared, ResourceType actual) {
    ResourceType b = bound.get(declared);
    return b != null ? b == actual : declared == actual;
  }
}
