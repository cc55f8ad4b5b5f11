package virga.plugin.processor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import virga.component.types.FuncType;
import virga.component.wit.WitTypes;
import virga.plugin.bind.Convention;

/**
 * Matches a class's public methods against every function of one WIT interface, as {@code
 * virga.plugin.bind.InterfaceBinder} does at registration, and words each function without a
 * fitting method as its line of the registration error.
 */
final class ImplementationChecker {
  /** One error line and the element it belongs to (the method found, or the class). */
  record Problem(Element element, String message) {}

  private final WitTypes types;
  private final Convention convention;
  private final MirrorMapping mapping;
  private final Elements elements;

  ImplementationChecker(WitTypes types, Elements elements) {
    this.types = types;
    this.convention = new Convention(types);
    this.mapping = new MirrorMapping(convention);
    this.elements = elements;
  }

  /**
   * The problems of {@code type} serving interface {@code iface} (qualified), in the WIT's function
   * order; empty when every function has a fitting method.
   *
   * @throws Unresolved when a type involved is not resolved yet
   */
  List<Problem> check(String iface, TypeElement type) {
    Map<String, List<ExecutableElement>> methods = publicMethods(type);
    List<Problem> problems = new ArrayList<>();
    types
        .functions(iface)
        .forEach(
            (func, f) -> {
              String javaName = Convention.methodName(func);
              ExecutableElement first = null;
              Mismatch why = null;
              boolean fits = false;
              for (ExecutableElement m : methods.getOrDefault(javaName, List.of())) {
                try {
                  fit(f, m);
                  fits = true;
                  break;
                } catch (Mismatch e) {
                  if (first == null) {
                    first = m;
                    why = e;
                  }
                }
              }
              if (!fits) {
                String line =
                    iface
                        + ": no method "
                        + convention.signature(javaName, f)
                        + " for "
                        + func
                        + (first == null
                            ? ""
                            : "; found " + MirrorNames.java(first) + ": " + why.getMessage());
                boolean own = first != null && first.getEnclosingElement().equals(type);
                problems.add(new Problem(own ? first : type, line));
              }
            });
    return problems;
  }

  private void fit(FuncType type, ExecutableElement m) throws Mismatch {
    int n = type.params().size();
    if (m.getParameters().size() != n) {
      throw new Mismatch(
          "takes " + m.getParameters().size() + " parameters, the WIT function " + n);
    }
    for (int i = 0; i < n; i++) {
      try {
        mapping.match(type.params().get(i).type(), m.getParameters().get(i).asType(), true);
      } catch (Mismatch e) {
        throw e.at("parameter " + type.params().get(i).name());
      }
    }
    TypeMirror returned = m.getReturnType();
    if (type.result() == null) {
      if (returned.getKind() == TypeKind.ERROR) {
        throw new Unresolved();
      }
      if (returned.getKind() != TypeKind.VOID) {
        throw new Mismatch("returns " + MirrorNames.java(returned) + ", expected void");
      }
    } else {
      try {
        mapping.match(type.result(), returned, true);
      } catch (Mismatch e) {
        throw e.at("result");
      }
    }
  }

  /**
   * The methods {@code Class.getMethods()} returns for an object of {@code type}: public, declared
   * or inherited, static ones too except those of interfaces (the object's class is never an
   * interface, and interfaces' static methods are not inherited). Declared types, as reflection's
   * generic signatures give them, not as seen from {@code type}.
   */
  private Map<String, List<ExecutableElement>> publicMethods(TypeElement type) {
    Map<String, List<ExecutableElement>> out = new LinkedHashMap<>();
    for (Element e : elements.getAllMembers(type)) {
      if (e.getKind() != ElementKind.METHOD || !e.getModifiers().contains(Modifier.PUBLIC)) {
        continue;
      }
      if (e.getModifiers().contains(Modifier.STATIC)
          && e.getEnclosingElement().getKind().isInterface()) {
        continue;
      }
      out.computeIfAbsent(e.getSimpleName().toString(), k -> new ArrayList<>())
          .add((ExecutableElement) e);
    }
    return out;
  }
}
