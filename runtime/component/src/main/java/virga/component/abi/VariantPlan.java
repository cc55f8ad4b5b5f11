package virga.component.abi;

import java.util.ArrayList;
import java.util.List;
import virga.component.TrapException;
import virga.component.core.CoreValType;
import virga.component.types.ValType;
import virga.component.values.Value;

/**
 * {@code variant}, and through despecialisation {@code enum}, {@code option} and {@code result}: a
 * discriminant followed by the case's payload. Flattened, the payload occupies the joined slots of
 * all cases; since core values travel as raw 64-bit patterns, lifting reads the slots as they are
 * and lowering only zero-extends i32/f32 payloads placed in i64 slots.
 */
final class VariantPlan extends TypePlan {
  /** Maps between a value and (case index, payload) for one of the four variant-like types. */
  interface Shape {
    int caseIndex(Value v);

    Value payload(Value v);

    Value make(int caseIndex, Value payload);
  }

  private final Shape shape;
  private final TypePlan[] cases;
  private final int discSize;
  private final int payloadOffset;
  private final int payloadSlots;
  private final int[][] zeroExtend;

  private VariantPlan(
      Shape shape,
      TypePlan[] cases,
      int size,
      int align,
      int discSize,
      int payloadOffset,
      int payloadSlots,
      int[][] zeroExtend) {
    super(size, align, 1 + payloadSlots);
    this.shape = shape;
    this.cases = cases;
    this.discSize = discSize;
    this.payloadOffset = payloadOffset;
    this.payloadSlots = payloadSlots;
    this.zeroExtend = zeroExtend;
  }

  /** A plan for cases of the given payload types (null: no payload) and their plans. */
  static VariantPlan of(Shape shape, List<ValType> caseTypes, TypePlan[] casePlans) {
    int n = caseTypes.size();
    int discSize = Layout.discriminantSize(n);
    int maxAlign = 1;
    int maxSize = 0;
    for (TypePlan p : casePlans) {
      if (p != null) {
        maxAlign = Math.max(maxAlign, p.align);
        maxSize = Math.max(maxSize, p.size);
      }
    }
    int align = Math.max(discSize, maxAlign);
    int payloadOffset = Layout.alignTo(discSize, maxAlign);
    int size = Layout.alignTo(payloadOffset + maxSize, align);

    List<ValType.Case> asCases = new ArrayList<>();
    for (ValType t : caseTypes) {
      asCases.add(new ValType.Case("_", t));
    }
    List<CoreValType> joined = Flattening.joinedPayload(asCases);
    int[][] zext = new int[n][];
    for (int c = 0; c < n; c++) {
      ValType t = caseTypes.get(c);
      List<CoreValType> own = t == null ? List.of() : Flattening.flattenType(t);
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < own.size(); i++) {
        if (joined.get(i) == CoreValType.I64
            && (own.get(i) == CoreValType.I32 || own.get(i) == CoreValType.F32)) {
          idx.add(i);
        }
      }
      zext[c] = idx.stream().mapToInt(Integer::intValue).toArray();
    }
    return new VariantPlan(
        shape, casePlans, size, align, discSize, payloadOffset, joined.size(), zext);
  }

  private int checkDisc(int disc) {
    if (Integer.compareUnsigned(disc, cases.length) >= 0) {
      throw new TrapException(
          "canonical ABI: discriminant "
              + Integer.toUnsignedString(disc)
              + " out of range for "
              + cases.length
              + " cases");
    }
    return disc;
  }

  @Override
  Value load(AbiContext cx, int ptr) {
    int disc =
        switch (discSize) {
          case 1 -> cx.memory.readByte(ptr) & 0xFF;
          case 2 -> cx.memory.readShort(ptr) & 0xFFFF;
          default -> cx.memory.readInt(ptr);
        };
    int c = checkDisc(disc);
    TypePlan p = cases[c];
    return shape.make(c, p == null ? null : p.load(cx, ptr + payloadOffset));
  }

  @Override
  void store(AbiContext cx, Value v, int ptr) {
    int c = shape.caseIndex(v);
    switch (discSize) {
      case 1 -> cx.memory.writeByte(ptr, (byte) c);
      case 2 -> cx.memory.writeShort(ptr, (short) c);
      default -> cx.memory.writeInt(ptr, c);
    }
    TypePlan p = cases[c];
    if (p != null) {
      p.store(cx, shape.payload(v), ptr + payloadOffset);
    }
  }

  @Override
  Value liftFlat(AbiContext cx, FlatCursor in) {
    int c = checkDisc((int) in.next());
    int start = in.pos;
    TypePlan p = cases[c];
    Value payload = p == null ? null : p.liftFlat(cx, in);
    in.pos = start + payloadSlots;
    return shape.make(c, payload);
  }

  @Override
  void lowerFlat(AbiContext cx, Value v, FlatCursor out) {
    int c = shape.caseIndex(v);
    out.put(c);
    int start = out.pos;
    TypePlan p = cases[c];
    if (p != null) {
      p.lowerFlat(cx, shape.payload(v), out);
      for (int i : zeroExtend[c]) {
        out.vals[start + i] &= 0xFFFF_FFFFL;
      }
    }
    for (int i = out.pos; i < start + payloadSlots; i++) {
      out.vals[i] = 0;
    }
    out.pos = start + payloadSlots;
  }
}
