package virga.plugin.bind;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import virga.plugin.Result;

/** What {@link TypedBindings#implement} says when the Java object does not fit the WIT. */
class RegistrationErrorsTest {
  private static final String CONFIG =
      """
      package wasi:config@0.2.0-rc.1;
      interface store {
        variant error { upstream(string), io(string) }
        get: func(key: string) -> result<option<string>, error>;
        get-all: func() -> result<list<tuple<string, string>>, error>;
      }
      """;
  private static final String SHAPES =
      """
      package t:shapes@1.0.0;
      interface api {
        record point { x: s32, y: s32 }
        enum color { red, dark-blue }
        flags perms { read, write }
        move: func(p: point, dx: s32) -> point;
        paint: func(c: color, p: perms);
        log: func(line: string);
        count: func() -> u32;
        mixed: func(t: tuple<u8, point, string>) -> result<_, string>;
      }
      """;

  private final TypedBindings bindings = new TypedBindings(List.of(CONFIG, SHAPES), List.of());

  sealed interface Error {
    record Upstream(String message) implements Error {}

    record Io(String message) implements Error {}
  }

  sealed interface WrongError {
    record Upstream(String message) implements WrongError {}

    record Disk(String message) implements WrongError {}
  }

  @Test
  void everyMissingFunctionIsListedInOneException() {
    assertThatThrownBy(() -> bindings.implement("wasi:config/store@0.2.0-rc.1", new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "wasi:config/store@0.2.0-rc.1: no method get(String): Result<Optional<String>,Error>"
                + " for get\n"
                + "wasi:config/store@0.2.0-rc.1: no method getAll():"
                + " Result<List<Map.Entry<String,String>>,Error> for get-all");
  }

  /** get fits; get-all returns a map instead of a result. */
  public static class MapStore {
    public Result<Optional<String>, Error> get(String key) {
      return Result.ok(Optional.empty());
    }

    public Map<String, String> getAll() {
      return Map.of();
    }
  }

  @Test
  void aMismatchedMethodIsShownWithWhy() {
    assertThatThrownBy(() -> bindings.implement("wasi:config/store", new MapStore()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "wasi:config/store@0.2.0-rc.1: no method getAll():"
                + " Result<List<Map.Entry<String,String>>,Error> for get-all;"
                + " found getAll(): Map<String,String>: result: expected"
                + " Result<List<Map.Entry<String,String>>,Error>, found Map<String,String>");
  }

  /** The variant's cases do not match the WIT's. */
  public static class WrongCases {
    public Result<Optional<String>, WrongError> get(String key) {
      return Result.ok(Optional.empty());
    }

    public Result<List<Map.Entry<String, String>>, WrongError> getAll() {
      return Result.ok(List.of());
    }
  }

  @Test
  void variantCasesMustBeThePermittedRecords() {
    assertThatThrownBy(() -> bindings.implement("wasi:config/store", new WrongCases()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "wasi:config/store@0.2.0-rc.1: no method get(String): Result<Optional<String>,Error>"
                + " for get; found get(String): Result<Optional<String>,WrongError>: result:"
                + " variant WrongError permits no record Io for case io\n"
                + "wasi:config/store@0.2.0-rc.1: no method getAll():"
                + " Result<List<Map.Entry<String,String>>,Error> for get-all; found getAll():"
                + " Result<List<Map.Entry<String,String>>,WrongError>: result: variant WrongError"
                + " permits no record Io for case io");
  }

  record Point(int x, int z) {}

  enum Color {
    RED,
    BLUE
  }

  enum Perm {
    READ,
    WRITE
  }

  /** Wrong in a different way in every function. */
  public static class AllWrong {
    public Point move(Point p, int dx) {
      return p;
    }

    public void paint(Color c, Set<Perm> p) {}

    public String log(String line) {
      return line;
    }

    public int count() {
      return 0;
    }

    public Result<Void, String> mixed(List<Object> t) {
      return Result.ok();
    }
  }

  @Test
  void recordsEnumsResultsArityAndLongTuplesAreChecked() {
    assertThatThrownBy(() -> bindings.implement("t:shapes/api", new AllWrong()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            String.join(
                "\n",
                "t:shapes/api@1.0.0: no method move(Point,int): Point for move; found"
                    + " move(Point,int): Point: parameter p: record Point: component 2 is `z`,"
                    + " expected `y`",
                "t:shapes/api@1.0.0: no method paint(Color,Set<Perms>): void for paint; found"
                    + " paint(Color,Set<Perm>): void: parameter c: enum Color lacks [DARK_BLUE]"
                    + " and has [BLUE] beyond the WIT",
                "t:shapes/api@1.0.0: no method log(String): void for log; found log(String):"
                    + " String: returns String, expected void",
                "t:shapes/api@1.0.0: no method count(): long for count; found count(): int:"
                    + " result: expected long, found int",
                "t:shapes/api@1.0.0: no method mixed(List<Object>): Result<Void,String> for"
                    + " mixed; found mixed(List<Object>): Result<Void,String>: parameter t: a"
                    + " tuple of 3 elements is a List<Object>, which cannot carry Point (records,"
                    + " variants, enums and flags need their Java class)"));
  }

  /** Arity and the {@code _} side of a result. */
  public static class Arity {
    public Point move(Point p) {
      return p;
    }

    public void paint(Color c, Set<Perm> p, int extra) {}

    public void log(String line) {}

    public long count() {
      return 0;
    }

    public Result<String, String> mixed(List<Object> t) {
      return Result.ok();
    }
  }

  @Test
  void parameterCountsAndUnderscoreSidesAreChecked() {
    assertThatThrownBy(() -> bindings.implement("t:shapes/api", new Arity()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "no method move(Point,int): Point for move; found move(Point): Point: takes 1"
                + " parameters, the WIT function 2")
        .hasMessageContaining(
            "found mixed(List<Object>): Result<String,String>: parameter t: a tuple of 3")
        .hasMessageNotContaining("for log")
        .hasMessageNotContaining("for count");
  }

  @Test
  void unknownInterfacesAndVersionsAndSecondImplementationsAreRefused() {
    assertThatThrownBy(() -> bindings.implement("wasi:keyvalue/store@0.2.0", new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cannot implement wasi:keyvalue/store@0.2.0: unknown package in"
                + " wasi:keyvalue/store@0.2.0 (add its WIT to the plugin's wit())");
    assertThatThrownBy(() -> bindings.implement("wasi:config/store@0.2.0", new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cannot implement wasi:config/store@0.2.0: wasi:config/store@0.2.0 is not in this set"
                + " (it holds wasi:config/store@0.2.0-rc.1) (add its WIT to the plugin's wit())");
    assertThatThrownBy(() -> bindings.implement("wasi:config/nope", new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cannot implement wasi:config/nope: unknown interface wasi:config/nope@0.2.0-rc.1"
                + " (add its WIT to the plugin's wit())");
    bindings.implement("wasi:config/store", new MapStoreFixed());
    assertThatThrownBy(() -> bindings.implement("wasi:config/store", new MapStoreFixed()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("wasi:config/store@0.2.0-rc.1 is implemented already");
  }

  /** A fitting store, with an overload of the same name that does not fit and is passed over. */
  public static class MapStoreFixed {
    public Result<Optional<String>, Error> get(String key) {
      return Result.ok(Optional.empty());
    }

    public Map<String, String> getAll(int overload) {
      return Map.of();
    }

    public Result<List<Map.Entry<String, String>>, Error> getAll() {
      return Result.ok(List.of());
    }
  }
}
