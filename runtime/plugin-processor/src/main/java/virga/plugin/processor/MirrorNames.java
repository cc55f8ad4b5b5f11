package virga.plugin.processor;

import java.util.Locale;
import java.util.StringJoiner;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Spells declared Java types and methods in errors exactly as {@code virga.plugin.bind.TypeNames}
 * spells their reflected counterparts ({@code Result<List<Map.Entry<String,String>>,Error>}).
 */
final class MirrorNames {
  private MirrorNames() {}

  /** A declared type: simple names, type arguments without spaces, {@code Map.Entry} in full. */
  static String java(TypeMirror t) {
    switch (t.getKind()) {
      case ARRAY:
        return java(((ArrayType) t).getComponentType()) + "[]";
      case DECLARED:
        {
          DeclaredType d = (DeclaredType) t;
          TypeElement e = (TypeElement) d.asElement();
          String raw =
              e.getQualifiedName().contentEquals("java.util.Map.Entry")
                  ? "Map.Entry"
                  : e.getSimpleName().toString();
          if (d.getTypeArguments().isEmpty()) {
            return raw;
          }
          StringJoiner args = new StringJoiner(",", raw + "<", ">");
          for (TypeMirror a : d.getTypeArguments()) {
            args.add(java(a));
          }
          return args.toString();
        }
      case WILDCARD:
        {
          WildcardType w = (WildcardType) t;
          if (w.getSuperBound() != null) {
            return "? super " + java(w.getSuperBound());
          }
          TypeMirror upper = w.getExtendsBound();
          // reflection reports `?` and `? extends Object` alike: upper bound Object
          return upper == null || isObject(upper) ? "?" : "? extends " + java(upper);
        }
      case TYPEVAR:
        return ((TypeVariable) t).asElement().getSimpleName().toString();
      default:
        return t.getKind().isPrimitive() || t.getKind() == javax.lang.model.type.TypeKind.VOID
            ? t.getKind().name().toLowerCase(Locale.ROOT)
            : t.toString();
    }
  }

  /** {@code name(A,B): R} for a declared method. */
  static String java(ExecutableElement m) {
    StringJoiner params = new StringJoiner(",", m.getSimpleName() + "(", ")");
    for (VariableElement p : m.getParameters()) {
      params.add(java(p.asType()));
    }
    return params + ": " + java(m.getReturnType());
  }

  private static boolean isObject(TypeMirror t) {
    return t instanceof DeclaredType d
        && ((TypeElement) d.asElement()).getQualifiedName().contentEquals("java.lang.Object");
  }
}
