package virga.component.values;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import virga.component.types.ResourceType;

/**
 * A component-model value as the host sees it: an immutable tree that the canonical ABI lifts out
 * of guest memory and lowers into it. A value does not carry its {@link
 * virga.component.types.ValType}; the function signature supplies it, and {@link Values#typeCheck}
 * checks one against the other.
 *
 * <p>Unsigned integers are held in the next wider Java type and range-checked ({@code u8}, {@code
 * u16} in an {@code int}; {@code u32} in a {@code long}), except {@code u64}, which is held in a
 * {@code long} with unsigned semantics (use {@link Long#toUnsignedString} and friends). Build
 * values with the static factories ({@code Value.string("x")}, {@code Value.u32(5)}, {@code
 * Value.some(...)}); they validate their arguments and throw {@link ValueTypeException}.
 */
public sealed interface Value
    permits Value.Bool,
        Value.S8,
        Value.U8,
        Value.S16,
        Value.U16,
        Value.S32,
        Value.U32,
        Value.S64,
        Value.U64,
        Value.F32,
        Value.F64,
        Value.Char,
        Value.Str,
        Value.ListValue,
        Value.RecordValue,
        Value.TupleValue,
        Value.VariantValue,
        Value.EnumValue,
        Value.OptionValue,
        Value.ResultValue,
        Value.FlagsValue,
        Value.Own,
        Value.Borrow {

  /** {@code bool}. */
  record Bool(boolean value) implements Value {}

  /** {@code s8}. */
  record S8(byte value) implements Value {}

  /** {@code u8}, 0..255. */
  record U8(int value) implements Value {
    public U8 {
      if ((value & ~0xFF) != 0) {
        throw new ValueTypeException("u8 out of range: " + value);
      }
    }
  }

  /** {@code s16}. */
  record S16(short value) implements Value {}

  /** {@code u16}, 0..65535. */
  record U16(int value) implements Value {
    public U16 {
      if ((value & ~0xFFFF) != 0) {
        throw new ValueTypeException("u16 out of range: " + value);
      }
    }
  }

  /** {@code s32}. */
  record S32(int value) implements Value {}

  /** {@code u32}, 0..4294967295, held in a long. */
  record U32(long value) implements Value {
    public U32 {
      if ((value & ~0xFFFF_FFFFL) != 0) {
        throw new ValueTypeException("u32 out of range: " + value);
      }
    }
  }

  /** {@code s64}. */
  record S64(long value) implements Value {}

  /** {@code u64}: the long's 64 bits read as unsigned (a negative long is a value above 2^63). */
  record U64(long value) implements Value {
    @Override
    public String toString() {
      return "U64[value=" + Long.toUnsignedString(value) + "]";
    }
  }

  /** {@code f32}; NaN is kept as given (the canonical ABI canonicalises it on the way out). */
  record F32(float value) implements Value {}

  /** {@code f64}. */
  record F64(double value) implements Value {}

  /** {@code char}: a Unicode scalar value (not a surrogate, at most 0x10FFFF). */
  record Char(int codePoint) implements Value {
    public Char {
      if (codePoint < 0 || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
        throw new ValueTypeException(
            "not a Unicode scalar value: 0x" + Integer.toHexString(codePoint));
      }
    }
  }

  /** {@code string}. Java strings may hold unpaired surrogates; lowering one is rejected. */
  record Str(String value) implements Value {
    public Str {
      Objects.requireNonNull(value, "value");
    }
  }

  /** {@code list<T>}. */
  record ListValue(List<Value> elements) implements Value {
    public ListValue {
      elements = List.copyOf(elements);
    }
  }

  /** A named field of a {@link RecordValue}. */
  record Field(String name, Value value) {
    public Field {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  /** {@code record}: fields in declaration order. */
  record RecordValue(List<Field> fields) implements Value {
    public RecordValue {
      fields = List.copyOf(fields);
    }

    /** The value of the named field. */
    public Value get(String name) {
      for (Field f : fields) {
        if (f.name().equals(name)) {
          return f.value();
        }
      }
      throw new ValueTypeException("record has no field " + name);
    }
  }

  /** {@code tuple<...>}. */
  record TupleValue(List<Value> elements) implements Value {
    public TupleValue {
      elements = List.copyOf(elements);
    }
  }

  /**
   * A {@code variant} case with its payload, or null for a case without one. The case index is the
   * position in the type, or -1 when unknown (host-built values); it is derived data, so equality
   * compares the name and payload only.
   */
  record VariantValue(String caseName, int caseIndex, Value payload) implements Value {
    public VariantValue {
      Objects.requireNonNull(caseName, "caseName");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof VariantValue v
          && caseName.equals(v.caseName)
          && Objects.equals(payload, v.payload);
    }

    @Override
    public int hashCode() {
      return caseName.hashCode() * 31 + Objects.hashCode(payload);
    }
  }

  /** An {@code enum} case; the index is -1 when unknown and is not part of equality. */
  record EnumValue(String label, int index) implements Value {
    public EnumValue {
      Objects.requireNonNull(label, "label");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof EnumValue e && label.equals(e.label);
    }

    @Override
    public int hashCode() {
      return label.hashCode();
    }
  }

  /** {@code option<T>}: {@code value} is the some-payload, or null for none. */
  record OptionValue(Value value) implements Value {
    /** Whether this is {@code some}. */
    public boolean isSome() {
      return value != null;
    }
  }

  /** {@code result<ok, err>}: which side, and its payload or null for a side without one. */
  record ResultValue(boolean isOk, Value payload) implements Value {}

  /** {@code flags}: the set labels (iteration order is insertion order). */
  record FlagsValue(Set<String> labels) implements Value {
    public FlagsValue {
      labels = Collections.unmodifiableSet(new LinkedHashSet<>(labels));
    }
  }

  /**
   * An owned resource in transit between handle tables: the rep is an {@link Integer} for a
   * resource defined by a guest, or any Java object for a host resource. Lifting an own handle
   * removes it from the source instance's table; lowering inserts it into the destination's.
   */
  record Own(ResourceType type, Object rep) implements Value {
    public Own {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(rep, "rep");
    }
  }

  /** A borrowed resource: valid only for the duration of the call it was passed to. */
  record Borrow(ResourceType type, Object rep) implements Value {
    public Borrow {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(rep, "rep");
    }
  }

  Bool TRUE = new Bool(true);
  Bool FALSE = new Bool(false);
  OptionValue NONE = new OptionValue(null);
  ResultValue OK = new ResultValue(true, null);
  ResultValue ERR = new ResultValue(false, null);

  /** A bool. */
  static Bool bool(boolean v) {
    return v ? TRUE : FALSE;
  }

  /** An s8; rejects values outside -128..127. */
  static S8 s8(int v) {
    if (v != (byte) v) {
      throw new ValueTypeException("s8 out of range: " + v);
    }
    return new S8((byte) v);
  }

  /** A u8. */
  static U8 u8(int v) {
    return new U8(v);
  }

  /** An s16; rejects values outside the s16 range. */
  static S16 s16(int v) {
    if (v != (short) v) {
      throw new ValueTypeException("s16 out of range: " + v);
    }
    return new S16((short) v);
  }

  /** A u16. */
  static U16 u16(int v) {
    return new U16(v);
  }

  /** An s32. */
  static S32 s32(int v) {
    return new S32(v);
  }

  /** A u32 (0..4294967295). */
  static U32 u32(long v) {
    return new U32(v);
  }

  /** An s64. */
  static S64 s64(long v) {
    return new S64(v);
  }

  /** A u64 from the long's unsigned bits. */
  static U64 u64(long v) {
    return new U64(v);
  }

  /** An f32. */
  static F32 f32(float v) {
    return new F32(v);
  }

  /** An f64. */
  static F64 f64(double v) {
    return new F64(v);
  }

  /** A char from a code point. */
  static Char character(int codePoint) {
    return new Char(codePoint);
  }

  /** A string. */
  static Str string(String v) {
    return new Str(v);
  }

  /** A list. */
  static ListValue list(Value... elements) {
    return new ListValue(Arrays.asList(elements));
  }

  /** A list. */
  static ListValue list(List<? extends Value> elements) {
    return new ListValue(List.copyOf(elements));
  }

  /** A record field, for {@link #record(Field...)}. */
  static Field field(String name, Value value) {
    return new Field(name, value);
  }

  /** A record from fields in declaration order. */
  static RecordValue record(Field... fields) {
    return new RecordValue(Arrays.asList(fields));
  }

  /** A record from a map whose iteration order is the declaration order (a LinkedHashMap). */
  static RecordValue record(Map<String, ? extends Value> fields) {
    return new RecordValue(
        fields.entrySet().stream().map(e -> new Field(e.getKey(), e.getValue())).toList());
  }

  /** A tuple. */
  static TupleValue tuple(Value... elements) {
    return new TupleValue(Arrays.asList(elements));
  }

  /** A variant case with a payload; the index is resolved from the type when lowered. */
  static VariantValue variant(String caseName, Value payload) {
    return new VariantValue(caseName, -1, Objects.requireNonNull(payload, "payload"));
  }

  /** A variant case without payload. */
  static VariantValue variant(String caseName) {
    return new VariantValue(caseName, -1, null);
  }

  /** An enum case. */
  static EnumValue enumCase(String label) {
    return new EnumValue(label, -1);
  }

  /** {@code some(v)}. */
  static OptionValue some(Value v) {
    return new OptionValue(Objects.requireNonNull(v, "v"));
  }

  /** {@code none}. */
  static OptionValue none() {
    return NONE;
  }

  /** {@code ok(v)}. */
  static ResultValue ok(Value v) {
    return new ResultValue(true, Objects.requireNonNull(v, "v"));
  }

  /** {@code ok} without payload. */
  static ResultValue ok() {
    return OK;
  }

  /** {@code err(v)}. */
  static ResultValue err(Value v) {
    return new ResultValue(false, Objects.requireNonNull(v, "v"));
  }

  /** {@code err} without payload. */
  static ResultValue err() {
    return ERR;
  }

  /** A flags value from the set labels. */
  static FlagsValue flags(String... labels) {
    return new FlagsValue(new LinkedHashSet<>(Arrays.asList(labels)));
  }

  /** An owned handle to a resource (an Integer rep for guest resources, any object for host). */
  static Own own(ResourceType type, Object rep) {
    return new Own(type, rep);
  }

  /** A borrowed handle to a resource. */
  static Borrow borrow(ResourceType type, Object rep) {
    return new Borrow(type, rep);
  }
}
