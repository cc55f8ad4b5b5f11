package virga.component.abi;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import virga.component.types.ValType;
import virga.component.values.Value;
import virga.component.values.ValueTypeException;
import virga.component.values.Values;

/**
 * {@code flags}: one bit per label in declaration order, packed into 1, 2 or 4×k bytes in memory
 * and into ⌈n/32⌉ i32s when flat. Bits beyond the last label are ignored on lift.
 */
final class FlagsPlan extends TypePlan {
  private final ValType.FlagsType type;
  private final String[] labels;
  private final Map<String, Integer> bits = new HashMap<>();
  private final int words;

  FlagsPlan(ValType.FlagsType type) {
    super(
        Layout.flagsSize(type.labels().size()),
        Layout.alignment(type),
        (type.labels().size() + 31) / 32);
    this.type = type;
    this.labels = type.labels().toArray(new String[0]);
    for (int i = 0; i < labels.length; i++) {
      bits.put(labels[i], i);
    }
    this.words = (labels.length + 31) / 32;
  }

  private int[] pack(Value v) {
    if (!(v instanceof Value.FlagsValue f)) {
      throw Values.mismatch(type, v, "");
    }
    int[] w = new int[words];
    for (String l : f.labels()) {
      Integer b = bits.get(l);
      if (b == null) {
        throw new ValueTypeException("unknown flag " + l + " for " + Values.describe(type));
      }
      w[b >>> 5] |= 1 << (b & 31);
    }
    return w;
  }

  private Value unpack(int[] w) {
    Set<String> set = new LinkedHashSet<>();
    for (int i = 0; i < labels.length; i++) {
      if ((w[i >>> 5] & (1 << (i & 31))) != 0) {
        set.add(labels[i]);
      }
    }
    return new Value.FlagsValue(set);
  }

  @Override
  Value load(AbiContext cx, int ptr) {
    int[] w = new int[words];
    if (labels.length <= 8) {
      if (words > 0) {
        w[0] = cx.memory.readByte(ptr) & 0xFF;
      }
    } else if (labels.length <= 16) {
      w[0] = cx.memory.readShort(ptr) & 0xFFFF;
    } else {
      for (int i = 0; i < words; i++) {
        w[i] = cx.memory.readInt(ptr + 4 * i);
      }
    }
    return unpack(w);
  }

  @Override
  void store(AbiContext cx, Value v, int ptr) {
    int[] w = pack(v);
    if (labels.length <= 8) {
      if (words > 0) {
        cx.memory.writeByte(ptr, (byte) w[0]);
      }
    } else if (labels.length <= 16) {
      cx.memory.writeShort(ptr, (short) w[0]);
    } else {
      for (int i = 0; i < words; i++) {
        cx.memory.writeInt(ptr + 4 * i, w[i]);
      }
    }
  }

  @Override
  Value liftFlat(AbiContext cx, FlatCursor in) {
    int[] w = new int[words];
    for (int i = 0; i < words; i++) {
      w[i] = (int) in.next();
    }
    return unpack(w);
  }

  @Override
  void lowerFlat(AbiContext cx, Value v, FlatCursor out) {
    for (int x : pack(v)) {
      out.put(x);
    }
  }

  /** For tests: the labels in bit order. */
  List<String> labels() {
    return List.of(labels);
  }
}
