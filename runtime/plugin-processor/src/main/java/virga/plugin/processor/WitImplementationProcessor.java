package virga.plugin.processor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import virga.component.wit.WitException;
import virga.component.wit.WitParser;
import virga.component.wit.WitTypes;
import virga.plugin.bind.TypedBindings;

/**
 * Checks every class marked {@code @virga.plugin.WitImplementation} against its WIT at compile
 * time: each WIT function of the interface needs a public method under the typed-bindings
 * convention, or the build fails with the line registration would throw (see {@code
 * virga.plugin.WitImplementation}).
 */
@SupportedAnnotationTypes({
  WitImplementationProcessor.ANNOTATION,
  WitImplementationProcessor.CONTAINER
})
public final class WitImplementationProcessor extends AbstractProcessor {
  static final String ANNOTATION = "virga.plugin.WitImplementation";
  static final String CONTAINER = "virga.plugin.WitImplementation.List";

  /** One annotation: the interface, its WIT and the WIT that one uses. */
  private record Spec(
      AnnotationMirror mirror, String iface, List<String> wit, List<String> dependencyWit) {}

  /** Classes whose types were not resolved in their round: another processor may make them. */
  private final Set<String> deferred = new LinkedHashSet<>();

  private final Map<List<Object>, WitTypes> resolved = new HashMap<>();
  private WitSources sources;

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    sources = new WitSources(env.getFiler());
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Set<TypeElement> todo = new LinkedHashSet<>();
    for (String name : deferred) {
      TypeElement t = processingEnv.getElementUtils().getTypeElement(name);
      if (t != null) {
        todo.add(t);
      }
    }
    deferred.clear();
    for (TypeElement annotation : annotations) {
      for (Element e : round.getElementsAnnotatedWith(annotation)) {
        if (e instanceof TypeElement t) {
          todo.add(t);
        }
      }
    }
    for (TypeElement type : todo) {
      try {
        report(check(type));
      } catch (Unresolved u) {
        // a later round may resolve it; after the last one javac reports the missing type itself
        if (!round.processingOver()) {
          deferred.add(type.getQualifiedName().toString());
        }
      }
    }
    return true;
  }

  /** Every problem of {@code type}'s annotations; reported only once all could be judged. */
  private List<Finding> check(TypeElement type) {
    List<Finding> problems = new ArrayList<>();
    for (Spec spec : specs(type)) {
      WitTypes types;
      try {
        types = types(spec, type);
      } catch (WitSources.Missing | WitException e) {
        problems.add(new Finding(type, spec.mirror(), e.getMessage()));
        continue;
      }
      String q;
      try {
        q = types.qualifiedName(spec.iface());
        types.functions(q);
      } catch (WitException e) {
        problems.add(
            new Finding(
                type,
                spec.mirror(),
                "cannot implement "
                    + spec.iface()
                    + ": "
                    + e.getMessage()
                    + " (add its WIT to the wit of @WitImplementation)"));
        continue;
      }
      for (ImplementationChecker.Problem p :
          new ImplementationChecker(types, processingEnv.getElementUtils()).check(q, type)) {
        problems.add(
            new Finding(p.element(), p.element() == type ? spec.mirror() : null, p.message()));
      }
    }
    return problems;
  }

  /** An error to report: on {@code element}, at {@code mirror} when it is about the annotation. */
  private record Finding(Element element, AnnotationMirror mirror, String message) {}

  private void report(List<Finding> problems) {
    for (Finding p : problems) {
      processingEnv
          .getMessager()
          .printMessage(Diagnostic.Kind.ERROR, p.message(), p.element(), p.mirror());
    }
  }

  /** The WIT of {@code spec}, parsed and resolved as {@link TypedBindings} resolves it. */
  private WitTypes types(Spec spec, TypeElement type) throws WitSources.Missing {
    String pkg = processingEnv.getElementUtils().getPackageOf(type).getQualifiedName().toString();
    List<Object> key = List.of(pkg, spec.wit(), spec.dependencyWit());
    WitTypes cached = resolved.get(key);
    if (cached != null) {
      return cached;
    }
    List<String> wit = texts(spec.wit(), pkg);
    List<String> deps = texts(spec.dependencyWit(), pkg);
    WitTypes types = TypedBindings.resolve(wit, deps);
    resolved.put(key, types);
    return types;
  }

  /** The texts of {@code paths}, each parsed once so that an error names its path. */
  private List<String> texts(List<String> paths, String pkg) throws WitSources.Missing {
    List<String> out = new ArrayList<>();
    for (String path : paths) {
      String text = sources.read(path, pkg);
      try {
        WitParser.parse(text);
      } catch (WitException e) {
        throw new WitException(path + ": " + e.getMessage(), -1);
      }
      out.add(text);
    }
    return out;
  }

  /** The {@code @WitImplementation}s on {@code type}, repeated ones included. */
  private List<Spec> specs(TypeElement type) {
    List<Spec> out = new ArrayList<>();
    for (AnnotationMirror m : type.getAnnotationMirrors()) {
      String name = annotationName(m);
      if (name.equals(ANNOTATION)) {
        out.add(spec(m));
      } else if (name.equals(CONTAINER)) {
        for (AnnotationValue v : list(value(m, "value"))) {
          out.add(spec((AnnotationMirror) v.getValue()));
        }
      }
    }
    return out;
  }

  private Spec spec(AnnotationMirror m) {
    return new Spec(
        m, string(value(m, "value")), strings(value(m, "wit")), strings(value(m, "dependencyWit")));
  }

  private AnnotationValue value(AnnotationMirror m, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        processingEnv.getElementUtils().getElementValuesWithDefaults(m).entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(name)) {
        return e.getValue();
      }
    }
    throw new IllegalStateException(name + " missing in " + m);
  }

  private static List<String> strings(AnnotationValue v) {
    List<String> out = new ArrayList<>();
    for (AnnotationValue s : list(v)) {
      out.add(string(s));
    }
    return out;
  }

  /** A string value; a constant javac could not resolve (yet) is not one. */
  private static String string(AnnotationValue v) {
    if (v.getValue() instanceof String s) {
      return s;
    }
    throw new Unresolved();
  }

  @SuppressWarnings("unchecked")
  private static List<? extends AnnotationValue> list(AnnotationValue v) {
    Object o = v.getValue();
    return o instanceof List<?> l ? (List<? extends AnnotationValue>) l : List.of(v);
  }

  private static String annotationName(AnnotationMirror m) {
    return ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().toString();
  }
}
