package virga.component.abi;

import virga.component.values.Value;

/**
 * How values of one type are lifted and lowered, computed once per type: its size, alignment and
 * flat width, and the four conversions of the spec ({@code load}, {@code store}, {@code lift_flat},
 * {@code lower_flat}).
 */
abstract class TypePlan {
  final int size;
  final int align;
  final int flatCount;

  TypePlan(int size, int align, int flatCount) {
    this.size = size;
    this.align = align;
    this.flatCount = flatCount;
  }

  /** Reads a value at {@code ptr} (aligned, in bounds: checked by the caller). */
  abstract Value load(AbiContext cx, int ptr);

  /** Writes {@code v} at {@code ptr} (aligned, in bounds: checked by the caller). */
  abstract void store(AbiContext cx, Value v, int ptr);

  /** Reads a value from {@link #flatCount} flat core values. */
  abstract Value liftFlat(AbiContext cx, FlatCursor in);

  /** Writes {@code v} as {@link #flatCount} flat core values. */
  abstract void lowerFlat(AbiContext cx, Value v, FlatCursor out);
}
