package virga.plugin.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor on {@code wasi:config/store}: a fitting store compiles; a missing method, a wrong
 * parameter type and a wrong result type fail the build with registration's lines; the WIT is found
 * where Maven puts it and problems with the WIT itself are errors on the annotation.
 */
class WitImplementationProcessorTest {
  static final String CONFIG_WIT =
      """
      package wasi:config@0.2.0-rc.1;

      interface store {
        variant error {
          upstream(string),
          io(string),
        }
        get: func(key: string) -> result<option<string>, error>;
        get-all: func() -> result<list<tuple<string, string>>, error>;
      }

      world imports {
        import store;
      }
      """;

  private static final String WIT_PATH = "wit/wasi-config-0.2.0-rc.1/package.wit";

  @TempDir Path dir;

  /**
   * A store under {@code @WitImplementation}, as plugins/wasi-config writes it, with {@code get}
   * and {@code get-all} replaced by {@code methods}.
   */
  static String store(String annotation, String methods) {
    return """
        package config;

        import java.util.List;
        import java.util.Map;
        import java.util.Optional;
        import virga.plugin.Result;
        import virga.plugin.WitImplementation;

        %s
        public final class Store {
          public sealed interface Error {
            record Upstream(String value) implements Error {}

            record Io(String value) implements Error {}
          }
        %s
        }
        """
        .formatted(annotation, methods);
  }

  private static final String ANNOTATION =
      "@WitImplementation(value = \"wasi:config/store@0.2.0-rc.1\","
          + " wit = \"/wit/wasi-config-0.2.0-rc.1/package.wit\")";

  private static final String GET =
      """
        public Result<Optional<String>, Error> get(String key) {
          return Result.ok(Optional.empty());
        }
      """;

  private static final String GET_ALL =
      """
        public Result<List<Map.Entry<String, String>>, Error> getAll() {
          return Result.ok(List.of());
        }
      """;

  private Javac.Outcome compileStore(String methods) {
    return new Javac(dir)
        .resource(WIT_PATH, CONFIG_WIT)
        .source("config/Store.java", store(ANNOTATION, methods))
        .compile();
  }

  @Test
  void aFittingStoreCompilesWithoutAWord() {
    Javac.Outcome out = compileStore(GET + GET_ALL);

    assertThat(out.diagnostics()).isEmpty();
    assertThat(out.success()).isTrue();
    assertThat(dir.resolve("classes/config/Store.class")).exists();
  }

  @Test
  void aMissingMethodIsAnErrorOnTheAnnotation() {
    Javac.Outcome out = compileStore(GET);

    String line =
        "wasi:config/store@0.2.0-rc.1: no method getAll():"
            + " Result<List<Map.Entry<String,String>>,Error> for get-all";
    assertThat(out.success()).isFalse();
    assertThat(out.errors()).containsExactly(line);
    // the annotation is line 9 of the source
    assertThat(out.diagnostic(line).getLineNumber()).isEqualTo(9);
  }

  @Test
  void aWrongParameterTypeIsAnErrorOnTheMethod() {
    Javac.Outcome out =
        compileStore(
            """
              public Result<Optional<String>, Error> get(int key) {
                return Result.ok(Optional.empty());
              }
            """
                + GET_ALL);

    String line =
        "wasi:config/store@0.2.0-rc.1: no method get(String): Result<Optional<String>,Error>"
            + " for get; found get(int): Result<Optional<String>,Error>: parameter key:"
            + " expected String, found int";
    assertThat(out.success()).isFalse();
    assertThat(out.errors()).containsExactly(line);
    assertThat(out.diagnostic(line).getLineNumber()).isEqualTo(16);
  }

  @Test
  void aWrongResultTypeIsAnErrorOnTheMethod() {
    Javac.Outcome out =
        compileStore(
            GET
                + """
                  public Map<String, String> getAll() {
                    return Map.of();
                  }
                """);

    // word for word RegistrationErrorsTest.aMismatchedMethodIsShownWithWhy
    String line =
        "wasi:config/store@0.2.0-rc.1: no method getAll():"
            + " Result<List<Map.Entry<String,String>>,Error> for get-all;"
            + " found getAll(): Map<String,String>: result: expected"
            + " Result<List<Map.Entry<String,String>>,Error>, found Map<String,String>";
    assertThat(out.success()).isFalse();
    assertThat(out.errors()).containsExactly(line);
    assertThat(out.diagnostic(line).getLineNumber()).isEqualTo(19);
  }

  @Test
  void everyFunctionIsCheckedAndAFittingOverloadWins() {
    Javac.Outcome out =
        compileStore(
            """
              public Result<Optional<String>, String> get(String key) {
                return Result.ok(Optional.empty());
              }

              public Map<String, String> getAll(int overload) {
                return Map.of();
              }
            """
                + GET_ALL);

    assertThat(out.errors())
        .containsExactly(
            "wasi:config/store@0.2.0-rc.1: no method get(String): Result<Optional<String>,Error>"
                + " for get; found get(String): Result<Optional<String>,String>: result:"
                + " expected Error, found String");
  }

  @Test
  void theInterfaceMayComeWithoutVersionAndTheWitPathRelativeToThePackage() {
    Javac.Outcome out =
        new Javac(dir)
            .resource("config/store.wit", CONFIG_WIT)
            .source(
                "config/Store.java",
                store(
                    "@WitImplementation(value = \"wasi:config/store\", wit = \"store.wit\")",
                    GET + GET_ALL))
            .compile();

    assertThat(out.diagnostics()).isEmpty();
  }

  @Test
  void theWitIsFoundInTheSourcePathWhenNotInTheClassOutput() {
    Javac.Outcome out =
        new Javac(dir)
            .sourcePathFile(WIT_PATH, CONFIG_WIT)
            .source("config/Store.java", store(ANNOTATION, GET))
            .compile();

    assertThat(out.errors())
        .containsExactly(
            "wasi:config/store@0.2.0-rc.1: no method getAll():"
                + " Result<List<Map.Entry<String,String>>,Error> for get-all");
  }

  @Test
  void aMissingWitResourceSaysWhereItWasLookedFor() {
    Javac.Outcome out =
        new Javac(dir).source("config/Store.java", store(ANNOTATION, GET + GET_ALL)).compile();

    String line =
        "no WIT resource /wit/wasi-config-0.2.0-rc.1/package.wit: looked for"
            + " wit/wasi-config-0.2.0-rc.1/package.wit in the class output, the source path and"
            + " the class path (a module's own WIT goes under"
            + " src/main/resources/wit/wasi-config-0.2.0-rc.1/package.wit)";
    assertThat(out.errors()).containsExactly(line);
    assertThat(out.diagnostic(line).getLineNumber()).isEqualTo(9);
  }

  @Test
  void anInterfaceTheWitLacksIsNamedWithTheVersionItHolds() {
    Javac.Outcome out =
        new Javac(dir)
            .resource(WIT_PATH, CONFIG_WIT)
            .source(
                "config/Store.java",
                store(
                    "@WitImplementation(value = \"wasi:config/store@0.2.0\","
                        + " wit = \"/wit/wasi-config-0.2.0-rc.1/package.wit\")",
                    GET + GET_ALL))
            .compile();

    assertThat(out.errors())
        .containsExactly(
            "cannot implement wasi:config/store@0.2.0: wasi:config/store@0.2.0 is not in this set"
                + " (it holds wasi:config/store@0.2.0-rc.1) (add its WIT to the wit of"
                + " @WitImplementation)");
  }

  @Test
  void malformedWitNamesItsPath() {
    Javac.Outcome out =
        new Javac(dir)
            .resource(WIT_PATH, "package wasi:config@0.2.0-rc.1;\ninterface store {\n  get: func(")
            .source("config/Store.java", store(ANNOTATION, GET + GET_ALL))
            .compile();

    assertThat(out.errors()).hasSize(1);
    assertThat(out.errors().get(0)).startsWith("/wit/wasi-config-0.2.0-rc.1/package.wit: ");
  }

  @Test
  void aTypeJavacCannotResolveGetsJavacsErrorOnly() {
    Javac.Outcome out =
        compileStore(
            GET
                + """
                  public Missing getAll() {
                    return null;
                  }
                """);

    assertThat(out.errors()).hasSize(1);
    assertThat(out.errors().get(0)).startsWith("cannot find symbol");
  }

  @Test
  void aClassMayServeSeveralInterfaces() {
    Javac.Outcome out =
        new Javac(dir)
            .resource(WIT_PATH, CONFIG_WIT)
            .resource("wit/ping.wit", "package test:ping@1.0.0;\ninterface api { ping: func(); }\n")
            .source(
                "config/Store.java",
                store(
                    ANNOTATION
                        + "\n@WitImplementation(value = \"test:ping/api\", wit = \"/wit/ping.wit\")",
                    GET + GET_ALL))
            .compile();

    assertThat(out.errors())
        .containsExactly("test:ping/api@1.0.0: no method ping(): void for ping");
  }

  private static final String DEPS_WIT =
      """
      package test:deps@1.0.0;
      interface types {
        record point { x: s32, y: s32 }
      }
      """;

  private static final String GEO_WIT =
      """
      package test:geo@1.0.0;
      interface api {
        use test:deps/types@1.0.0.{point};
        move: func(p: point, dx: s32) -> point;
      }
      """;

  private static String geo(String annotation, String point) {
    return """
        package geo;

        import virga.plugin.WitImplementation;

        %s
        public class Geo {
          public %s {}

          public Point move(Point p, int dx) {
            return p;
          }
        }
        """
        .formatted(annotation, point);
  }

  @Test
  void dependencyWitComesFromTheClassPath() {
    String annotation =
        "@WitImplementation(value = \"test:geo/api\", wit = \"/wit/geo.wit\","
            + " dependencyWit = \"/wit/deps.wit\")";
    Javac fits =
        new Javac(dir.resolve("fits"))
            .resource("wit/geo.wit", GEO_WIT)
            .classPathFile("wit/deps.wit", DEPS_WIT)
            .source("geo/Geo.java", geo(annotation, "record Point(int x, int y)"));
    Javac wrong =
        new Javac(dir.resolve("wrong"))
            .resource("wit/geo.wit", GEO_WIT)
            .classPathFile("wit/deps.wit", DEPS_WIT)
            .source("geo/Geo.java", geo(annotation, "record Point(int x, int z)"));

    assertThat(fits.compile().diagnostics()).isEmpty();
    assertThat(wrong.compile().errors())
        .containsExactly(
            "test:geo/api@1.0.0: no method move(Point,int): Point for move; found"
                + " move(Point,int): Point: parameter p: record Point: component 2 is `z`,"
                + " expected `y`");
  }

  @Test
  void withoutItsDependencyWitTheWitDoesNotResolve() {
    Javac.Outcome out =
        new Javac(dir)
            .resource("wit/geo.wit", GEO_WIT)
            .source(
                "geo/Geo.java",
                geo(
                    "@WitImplementation(value = \"test:geo/api\", wit = \"/wit/geo.wit\")",
                    "record Point(int x, int y)"))
            .compile();

    assertThat(out.errors()).containsExactly("unknown package test:deps used by test:geo");
  }

  @Test
  void aJavaInterfaceMayCarryItAndItsStaticMethodsDoNotCount() {
    Javac.Outcome out =
        new Javac(dir)
            .resource(WIT_PATH, CONFIG_WIT)
            .source(
                "config/Store.java",
                """
                package config;

                import java.util.List;
                import java.util.Map;
                import java.util.Optional;
                import virga.plugin.Result;
                import virga.plugin.WitImplementation;

                %s
                public interface Store {
                  sealed interface Error {
                    record Upstream(String value) implements Error {}

                    record Io(String value) implements Error {}
                  }

                  Result<Optional<String>, Error> get(String key);

                  // an object's class never has an interface's static methods
                  static Result<List<Map.Entry<String, String>>, Error> getAll() {
                    return Result.ok(List.of());
                  }
                }
                """
                    .formatted(ANNOTATION))
            .compile();

    assertThat(out.errors())
        .containsExactly(
            "wasi:config/store@0.2.0-rc.1: no method getAll():"
                + " Result<List<Map.Entry<String,String>>,Error> for get-all");
  }
}
