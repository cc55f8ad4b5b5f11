package virga.component.abi;

import java.util.List;
import virga.component.TrapException;
import virga.component.types.ValType;
import virga.component.values.Value;
import virga.component.values.Values;

/** {@code list<T>}: a (pointer, length) pair; elements are laid out at {@code size(T)} strides. */
final class ListPlan extends TypePlan {
  private final ValType type;
  private final TypePlan elem;
  private final boolean bytes;

  ListPlan(ValType.ListType type, TypePlan elem) {
    super(8, 4, 2);
    this.type = type;
    this.elem = elem;
    this.bytes = elem instanceof ScalarPlans.U8Plan;
  }

  @Override
  Value load(AbiContext cx, int ptr) {
    return loadRange(cx, cx.memory.readInt(ptr), cx.memory.readInt(ptr + 4));
  }

  @Override
  void store(AbiContext cx, Value v, int ptr) {
    long r = storeRange(cx, v);
    cx.memory.writeInt(ptr, (int) (r >>> 32));
    cx.memory.writeInt(ptr + 4, (int) r);
  }

  @Override
  Value liftFlat(AbiContext cx, FlatCursor in) {
    int ptr = (int) in.next();
    int len = (int) in.next();
    return loadRange(cx, ptr, len);
  }

  @Override
  void lowerFlat(AbiContext cx, Value v, FlatCursor out) {
    long r = storeRange(cx, v);
    out.put((int) (r >>> 32));
    out.put((int) r);
  }

  private Value loadRange(AbiContext cx, int ptr, int length) {
    long n = Integer.toUnsignedLong(length);
    // zero-sized elements count as one byte here: the host cannot materialise billions of them
    cx.checkRange(ptr, n * Math.max(elem.size, 1), elem.align, "list pointer");
    int count = (int) n;
    Value[] out = new Value[count];
    if (bytes) {
      byte[] b = cx.memory.readBytes(ptr, count);
      for (int i = 0; i < count; i++) {
        out[i] = new Value.U8(b[i] & 0xFF);
      }
    } else {
      for (int i = 0; i < count; i++) {
        out[i] = elem.load(cx, ptr + i * elem.size);
      }
    }
    return new Value.ListValue(List.of(out));
  }

  private long storeRange(AbiContext cx, Value v) {
    if (!(v instanceof Value.ListValue list)) {
      throw Values.mismatch(type, v, "");
    }
    List<Value> els = list.elements();
    int count = els.size();
    long byteLength = (long) count * elem.size;
    if (byteLength >= (1L << 32)) {
      throw new TrapException("canonical ABI: list of " + byteLength + " bytes is too long");
    }
    int ptr = cx.realloc(0, 0, elem.align, byteLength);
    if (bytes) {
      byte[] b = new byte[count];
      for (int i = 0; i < count; i++) {
        b[i] = (byte) ScalarPlans.U8Plan.get(els.get(i));
      }
      cx.memory.writeBytes(ptr, b);
    } else {
      for (int i = 0; i < count; i++) {
        elem.store(cx, els.get(i), ptr + i * elem.size);
      }
    }
    return ((long) ptr << 32) | Integer.toUnsignedLong(count);
  }
}
