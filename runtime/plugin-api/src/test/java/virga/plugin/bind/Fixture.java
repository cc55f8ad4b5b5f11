package virga.plugin.bind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import virga.component.runtime.Item;
import virga.component.values.Value;
import virga.plugin.Result;
import virga.plugin.Wit;

/** The Java side of {@code wit/bind-test.wit}: its types and echoing implementations. */
final class Fixture {
  static final String WIT = Wit.resource(Fixture.class, "/wit/bind-test.wit");
  static final String KINDS = "test:bind/kinds@1.0.0";
  static final String STORE = "test:bind/store@1.0.0";

  private Fixture() {}

  record Point(int x, int y) {}

  record Person(String name, int age, List<String> tags, Optional<Point> home) {}

  sealed interface Shape {
    record Circle(double radius) implements Shape {}

    record Rect(Point corner) implements Shape {}

    record Dot() implements Shape {}
  }

  enum Color {
    RED,
    GREEN,
    DARK_BLUE
  }

  enum Perm {
    // declared in another order than the WIT labels: matching goes by name
    EXEC_ALL,
    READ,
    WRITE
  }

  sealed interface Error {
    record NotFound() implements Error {}

    record Upstream(String message) implements Error {}
  }

  /** Serves test:bind/kinds: every echo returns its argument and remembers it. */
  static class Kinds {
    final List<Object> seen = new ArrayList<>();

    private <T> T seen(T v) {
      seen.add(v);
      return v;
    }

    public boolean echoBool(boolean v) {
      return seen(v);
    }

    public byte echoS8(byte v) {
      return seen(v);
    }

    public int echoU8(int v) {
      return seen(v);
    }

    public int echoS16(int v) {
      return seen(v);
    }

    public int echoU16(int v) {
      return seen(v);
    }

    public Integer echoS32(Integer v) {
      return seen(v);
    }

    public long echoU32(long v) {
      return seen(v);
    }

    public long echoS64(long v) {
      return seen(v);
    }

    public long echoU64(long v) {
      return seen(v);
    }

    public float echoF32(float v) {
      return seen(v);
    }

    public double echoF64(double v) {
      return seen(v);
    }

    public int echoChar(int v) {
      return seen(v);
    }

    public String echoString(String v) {
      return seen(v);
    }

    public byte[] echoBytes(byte[] v) {
      return seen(v);
    }

    public List<String> echoStrings(List<String> v) {
      return seen(v);
    }

    public List<Point> echoPoints(List<Point> v) {
      return seen(v);
    }

    public Person echoPerson(Person v) {
      return seen(v);
    }

    public Map.Entry<String, Long> echoPair(Map.Entry<String, Long> v) {
      return seen(v);
    }

    public List<Object> echoTriple(List<Object> v) {
      return seen(v);
    }

    public Shape echoShape(Shape v) {
      return seen(v);
    }

    public Color echoColor(Color v) {
      return seen(v);
    }

    public Set<Perm> echoPerms(Set<Perm> v) {
      return seen(v);
    }

    public Optional<Optional<Long>> echoOption(Optional<Optional<Long>> v) {
      return seen(v);
    }

    public Result<String, Error> echoResult(Result<String, Error> v) {
      return seen(v);
    }

    public Result<Void, Void> echoUnitResult(Result<Void, Void> v) {
      return seen(v);
    }

    public Result<Void, Long> echoErrOnly(Result<Void, Long> v) {
      return seen(v);
    }

    public Result<List<Map.Entry<String, String>>, Error> getAll() {
      return Result.ok(List.of(Map.entry("a", "1"), Map.entry("b", "2")));
    }

    public static double sum(long a, long b, float c) {
      return a + b + c;
    }

    public void nothing() {
      seen.add("nothing");
    }
  }

  /** Calls {@code func} of {@code instance} with {@code args}. */
  static Value call(Item.Instance instance, String func, Value... args) {
    Item item = instance.exports().get(func);
    if (!(item instanceof Item.Func f)) {
      throw new IllegalArgumentException("no function " + func + " in " + instance.exports());
    }
    return f.function().call(args);
  }
}
