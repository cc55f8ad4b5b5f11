package virga.plugin.bind;

import virga.component.types.ValType;

/** The Java types of the WIT scalars (see {@link TypedBindings}). */
final class JavaTypes {
  private JavaTypes() {}

  /** The Java type of {@code p} in a method signature or record component. */
  static Class<?> primitive(ValType.Primitive p) {
    return switch (p) {
      case BOOL -> boolean.class;
      case S8 -> byte.class;
      case U8, S16, U16, S32, CHAR -> int.class;
      case U32, S64, U64 -> long.class;
      case F32 -> float.class;
      case F64 -> double.class;
      case STRING -> String.class;
    };
  }

  /** The Java type of {@code p} as a type argument ({@code List<Integer>}). */
  static Class<?> boxed(ValType.Primitive p) {
    return switch (p) {
      case BOOL -> Boolean.class;
      case S8 -> Byte.class;
      case U8, S16, U16, S32, CHAR -> Integer.class;
      case U32, S64, U64 -> Long.class;
      case F32 -> Float.class;
      case F64 -> Double.class;
      case STRING -> String.class;
    };
  }
}
