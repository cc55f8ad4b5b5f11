package virga.plugin.bind;

import java.util.Objects;
import virga.component.types.FuncType;
import virga.component.types.ValType;
import virga.component.wit.WitTypes;

/**
 * The names and type spellings of the {@link TypedBindings} convention, for tools that check Java
 * code against WIT without reflection. The annotation processor of {@code virga-plugin-processor}
 * uses them to check at compile time what {@link TypedBindings#implement} checks at registration,
 * so that both apply one mapping and print one spelling.
 */
public final class Convention {
  private final TypeNames names;

  /** The convention for the interfaces of {@code types}, whose named types it spells. */
  public Convention(WitTypes types) {
    this.names = new TypeNames(Objects.requireNonNull(types, "types"));
  }

  /**
   * The Java method that serves component-model function {@code func}: {@code get-all} → {@code
   * getAll}, {@code [constructor]r} → {@code newR}, {@code [method]r.do-it} → {@code rDoIt}, a Java
   * keyword with a trailing {@code _}.
   */
  public static String methodName(String func) {
    return JavaNames.method(func);
  }

  /** The record component for WIT field {@code field}: lowerCamelCase. */
  public static String componentName(String field) {
    return JavaNames.lowerCamel(field);
  }

  /** The permitted record for variant case {@code kase}: UpperCamelCase ({@code not-found}). */
  public static String caseName(String kase) {
    return JavaNames.upperCamel(kase);
  }

  /** The enum constant for enum or flags label {@code label}: UPPER_SNAKE_CASE. */
  public static String constantName(String label) {
    return JavaNames.upperSnake(label);
  }

  /** The Java type of scalar {@code p} as a parameter, result or record component. */
  public static Class<?> javaType(ValType.Primitive p) {
    return JavaTypes.primitive(p);
  }

  /** The Java type of scalar {@code p} as a type argument; accepted at the top too. */
  public static Class<?> boxedType(ValType.Primitive p) {
    return JavaTypes.boxed(p);
  }

  /**
   * The Java type the convention expects for {@code t}, as errors spell it ({@code
   * Result<Optional<String>,Error>}); {@code top} for a parameter, result or record component.
   */
  public String expected(ValType t, boolean top) {
    return names.expected(t, top);
  }

  /** The method the convention expects, as errors spell it: {@code get(String): Result<...>}. */
  public String signature(String method, FuncType type) {
    return names.signature(method, type);
  }
}
