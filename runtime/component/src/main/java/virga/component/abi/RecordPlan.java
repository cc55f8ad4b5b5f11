package virga.component.abi;

import java.util.Arrays;
import java.util.List;
import virga.component.types.ValType;
import virga.component.values.Value;
import virga.component.values.Values;

/**
 * {@code record} and {@code tuple}: fields at precomputed aligned offsets, flattened one after the
 * other. Also lays out the spilled parameter and result tuples of a function.
 */
final class RecordPlan extends TypePlan {
  private final ValType type;
  private final String[] names; // null for a tuple
  private final TypePlan[] fields;
  private final int[] offsets;

  private RecordPlan(
      ValType type, String[] names, TypePlan[] fields, int[] offsets, int size, int align) {
    super(size, align, Arrays.stream(fields).mapToInt(f -> f.flatCount).sum());
    this.type = type;
    this.names = names;
    this.fields = fields;
    this.offsets = offsets;
  }

  /** A record plan; {@code names} null makes it a tuple. */
  static RecordPlan of(ValType type, String[] names, TypePlan[] fields) {
    int[] offsets = new int[fields.length];
    int s = 0;
    int a = 1;
    for (int i = 0; i < fields.length; i++) {
      s = Layout.alignTo(s, fields[i].align);
      offsets[i] = s;
      s += fields[i].size;
      a = Math.max(a, fields[i].align);
    }
    return new RecordPlan(type, names, fields, offsets, Layout.alignTo(s, a), a);
  }

  @Override
  Value load(AbiContext cx, int ptr) {
    return make(loadFields(cx, ptr));
  }

  @Override
  void store(AbiContext cx, Value v, int ptr) {
    storeFields(cx, values(v), ptr);
  }

  @Override
  Value liftFlat(AbiContext cx, FlatCursor in) {
    Value[] vals = new Value[fields.length];
    for (int i = 0; i < fields.length; i++) {
      vals[i] = fields[i].liftFlat(cx, in);
    }
    return make(vals);
  }

  @Override
  void lowerFlat(AbiContext cx, Value v, FlatCursor out) {
    Value[] vals = values(v);
    for (int i = 0; i < fields.length; i++) {
      fields[i].lowerFlat(cx, vals[i], out);
    }
  }

  Value[] loadFields(AbiContext cx, int ptr) {
    Value[] vals = new Value[fields.length];
    for (int i = 0; i < fields.length; i++) {
      vals[i] = fields[i].load(cx, ptr + offsets[i]);
    }
    return vals;
  }

  void storeFields(AbiContext cx, Value[] vals, int ptr) {
    for (int i = 0; i < fields.length; i++) {
      fields[i].store(cx, vals[i], ptr + offsets[i]);
    }
  }

  private Value make(Value[] vals) {
    if (names == null) {
      return new Value.TupleValue(List.of(vals));
    }
    Value.Field[] fs = new Value.Field[vals.length];
    for (int i = 0; i < vals.length; i++) {
      fs[i] = new Value.Field(names[i], vals[i]);
    }
    return new Value.RecordValue(List.of(fs));
  }

  private Value[] values(Value v) {
    if (names == null) {
      if (v instanceof Value.TupleValue t && t.elements().size() == fields.length) {
        return t.elements().toArray(new Value[0]);
      }
      throw Values.mismatch(type, v, "");
    }
    if (v instanceof Value.RecordValue r && r.fields().size() == fields.length) {
      Value[] vals = new Value[fields.length];
      for (int i = 0; i < fields.length; i++) {
        Value.Field f = r.fields().get(i);
        if (!f.name().equals(names[i])) {
          throw Values.mismatch(type, v, "");
        }
        vals[i] = f.value();
      }
      return vals;
    }
    throw Values.mismatch(type, v, "");
  }
}
