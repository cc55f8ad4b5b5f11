package virga.component.abi;

import java.util.ArrayList;
import java.util.List;
import virga.component.types.ValType;
import virga.component.types.ValType.BorrowType;
import virga.component.types.ValType.EnumType;
import virga.component.types.ValType.FlagsType;
import virga.component.types.ValType.ListType;
import virga.component.types.ValType.OptionType;
import virga.component.types.ValType.OwnType;
import virga.component.types.ValType.Primitive;
import virga.component.types.ValType.RecordType;
import virga.component.types.ValType.ResultType;
import virga.component.types.ValType.TupleType;
import virga.component.types.ValType.VariantType;

/** Builds the {@link TypePlan} of a value type, once, when a function is lifted or lowered. */
final class TypePlans {
  private TypePlans() {}

  static TypePlan of(ValType t) {
    if (t instanceof Primitive p) {
      return ScalarPlans.of(p);
    } else if (t instanceof ListType l) {
      return new ListPlan(l, of(l.element()));
    } else if (t instanceof RecordType r) {
      String[] names = r.fields().stream().map(ValType.Field::name).toArray(String[]::new);
      TypePlan[] fields = r.fields().stream().map(f -> of(f.type())).toArray(TypePlan[]::new);
      return RecordPlan.of(r, names, fields);
    } else if (t instanceof TupleType tup) {
      return tuple(tup);
    } else if (t instanceof VariantType v) {
      List<ValType> types = new ArrayList<>();
      v.cases().forEach(c -> types.add(c.type()));
      return VariantPlan.of(VariantShapes.variant(v), types, plans(types));
    } else if (t instanceof EnumType e) {
      List<ValType> types = new ArrayList<>();
      e.labels().forEach(l -> types.add(null));
      return VariantPlan.of(VariantShapes.enumeration(e), types, plans(types));
    } else if (t instanceof OptionType o) {
      List<ValType> types = new ArrayList<>();
      types.add(null);
      types.add(o.type());
      return VariantPlan.of(VariantShapes.option(o), types, plans(types));
    } else if (t instanceof ResultType r) {
      List<ValType> types = new ArrayList<>();
      types.add(r.ok());
      types.add(r.err());
      return VariantPlan.of(VariantShapes.result(r), types, plans(types));
    } else if (t instanceof FlagsType f) {
      return new FlagsPlan(f);
    } else if (t instanceof OwnType o) {
      return new HandlePlans.OwnPlan(o);
    } else {
      return new HandlePlans.BorrowPlan((BorrowType) t);
    }
  }

  static RecordPlan tuple(TupleType tup) {
    return RecordPlan.of(
        tup, null, tup.types().stream().map(TypePlans::of).toArray(TypePlan[]::new));
  }

  private static TypePlan[] plans(List<ValType> types) {
    TypePlan[] out = new TypePlan[types.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = types.get(i) == null ? null : of(types.get(i));
    }
    return out;
  }
}
