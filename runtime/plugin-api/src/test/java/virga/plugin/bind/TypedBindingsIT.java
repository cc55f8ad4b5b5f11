package virga.plugin.bind;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import virga.component.Component;
import virga.component.ComponentInstance;
import virga.component.Engine;
import virga.component.Linker;
import virga.component.TrapException;
import virga.component.runtime.ComponentFunction;
import virga.component.values.Value;
import virga.component.values.Wave;
import virga.component.values.WaveCall;
import virga.plugin.Result;

/**
 * Typed bindings serving real guests: {@code guests/wasm/kinds.wasm} runs its whole case file
 * through a typed Java host of {@code example:kinds/host} and must print exactly the export lines
 * of {@code guests/cases/kinds.expected}; {@code resources.wasm} uses a typed host resource.
 */
class TypedBindingsIT {
  private final Engine engine = Engine.create();

  record Point(int x, int y) {}

  record Person(String name, int age, List<String> tags) {}

  sealed interface Shape {
    record Circle(double r) implements Shape {}

    record Rect(Point p) implements Shape {}

    record Dot() implements Shape {}
  }

  enum Color {
    RED,
    GREEN,
    BLUE
  }

  enum SmallFlag {
    READ,
    WRITE,
    EXEC
  }

  enum BigFlag {
    F0,
    F1,
    F2,
    F3,
    F4,
    F5,
    F6,
    F7,
    F8,
    F9,
    F10,
    F11,
    F12,
    F13,
    F14,
    F15,
    F16,
    F17,
    F18,
    F19,
    F20,
    F21,
    F22,
    F23,
    F24,
    F25,
    F26,
    F27,
    F28,
    F29,
    F30,
    F31
  }

  /** hosts/kinds.js in typed Java: every echo returns its argument; sum17 and mixed compute. */
  public static class KindsHost {
    int calls;

    private <T> T echo(T v) {
      calls++;
      return v;
    }

    public boolean echoBool(boolean v) {
      return echo(v);
    }

    public byte echoS8(byte v) {
      return echo(v);
    }

    public int echoU8(int v) {
      return echo(v);
    }

    public int echoS16(int v) {
      return echo(v);
    }

    public int echoU16(int v) {
      return echo(v);
    }

    public int echoS32(int v) {
      return echo(v);
    }

    public long echoU32(long v) {
      return echo(v);
    }

    public long echoS64(long v) {
      return echo(v);
    }

    public long echoU64(long v) {
      return echo(v);
    }

    public float echoF32(float v) {
      return echo(v);
    }

    public double echoF64(double v) {
      return echo(v);
    }

    public int echoChar(int v) {
      return echo(v);
    }

    public String echoString(String v) {
      return echo(v);
    }

    public byte[] echoListU8(byte[] v) {
      return echo(v);
    }

    public List<String> echoListString(List<String> v) {
      return echo(v);
    }

    public List<Point> echoListPoint(List<Point> v) {
      return echo(v);
    }

    public Point echoPoint(Point v) {
      return echo(v);
    }

    public Person echoPerson(Person v) {
      return echo(v);
    }

    public List<Object> echoTuple(List<Object> v) {
      return echo(v);
    }

    public Shape echoShape(Shape v) {
      return echo(v);
    }

    public Color echoColor(Color v) {
      return echo(v);
    }

    public Optional<Long> echoOptionU32(Optional<Long> v) {
      return echo(v);
    }

    public Optional<Optional<Long>> echoOptionOption(Optional<Optional<Long>> v) {
      return echo(v);
    }

    public Optional<String> echoOptionString(Optional<String> v) {
      return echo(v);
    }

    public Result<Void, Void> echoResult(Result<Void, Void> v) {
      return echo(v);
    }

    public Result<Long, Void> echoResultOk(Result<Long, Void> v) {
      return echo(v);
    }

    public Result<Void, String> echoResultErr(Result<Void, String> v) {
      return echo(v);
    }

    public Result<String, Long> echoResultBoth(Result<String, Long> v) {
      return echo(v);
    }

    public Set<SmallFlag> echoSmallFlags(Set<SmallFlag> v) {
      return echo(v);
    }

    public Set<BigFlag> echoBigFlags(Set<BigFlag> v) {
      return echo(v);
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    public long sum17(
        long a1,
        long a2,
        long a3,
        long a4,
        long a5,
        long a6,
        long a7,
        long a8,
        long a9,
        long a10,
        long a11,
        long a12,
        long a13,
        long a14,
        long a15,
        long a16,
        long a17) {
      long[] all = {a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17};
      long sum = 0;
      for (long a : all) {
        sum = (sum + a) & 0xFFFF_FFFFL;
      }
      return sum;
    }

    public List<Object> mixed(int a, int b, long c, float d, double e, int f, boolean g) {
      return List.of(c * 2, e + d, f, !g);
    }
  }

  @Test
  void theKindsGuestRunsItsCaseFileAgainstATypedHost() throws IOException {
    TypedBindings bindings =
        new TypedBindings(
            List.of(Files.readString(guests().resolve("kinds/wit/world.wit"))), List.of());
    KindsHost host = new KindsHost();
    bindings.implement("example:kinds/host@0.1.0", host);
    Component component = engine.compile(Files.readAllBytes(guests().resolve("wasm/kinds.wasm")));
    Linker linker = new Linker();
    bindings.addTo(linker);
    ComponentInstance instance = linker.instantiate(component);

    List<String> transcript = new ArrayList<>();
    for (String line : Files.readAllLines(guests().resolve("cases/kinds.cases"))) {
      String call = line.strip();
      if (call.isEmpty() || call.startsWith("#")) {
        continue;
      }
      WaveCall parsed = Wave.parseCall(call);
      ComponentFunction f = instance.function(parsed.name());
      String result;
      try {
        Value r = f.call(parsed.values(f.type().paramTypes()).toArray(new Value[0]));
        result = f.type().result() == null ? "()" : Wave.print(f.type().result(), r);
      } catch (TrapException e) {
        result = "trap";
      }
      transcript.add(call + " => " + result);
    }
    List<String> expected =
        Files.readAllLines(guests().resolve("cases/kinds.expected")).stream()
            .filter(l -> !l.startsWith("host: ") && !l.isBlank())
            .toList();
    assertThat(transcript).containsExactlyElementsOf(expected);
    assertThat(host.calls).isGreaterThan(50);
  }

  /** The rep of a typed host blob. */
  static final class Blob implements AutoCloseable {
    final List<Byte> bytes = new ArrayList<>();
    int closed;

    @Override
    public void close() {
      closed++;
    }
  }

  /** hosts/resources.js in typed Java. */
  public static class BlobHost {
    final List<Blob> made = new ArrayList<>();

    public Blob newBlob(byte[] init) {
      Blob b = new Blob();
      for (byte x : init) {
        b.bytes.add(x);
      }
      made.add(b);
      return b;
    }

    public long blobSize(Blob self) {
      return self.bytes.size();
    }

    public void blobAppend(Blob self, byte[] more) {
      for (byte x : more) {
        self.bytes.add(x);
      }
    }

    public Blob blobConcat(Blob a, Blob b) {
      Blob c = new Blob();
      c.bytes.addAll(a.bytes);
      c.bytes.addAll(b.bytes);
      made.add(c);
      return c;
    }

    public long consume(Blob b) {
      return b.bytes.stream().mapToLong(x -> x & 0xFF).sum();
    }
  }

  @Test
  void theResourcesGuestUsesATypedHostResourceInTwoInstances() throws IOException {
    TypedBindings bindings =
        new TypedBindings(
            List.of(Files.readString(guests().resolve("resources/wit/world.wit"))), List.of());
    BlobHost host = new BlobHost();
    bindings.implement("example:resources/host", host);
    Component component =
        engine.compile(Files.readAllBytes(guests().resolve("wasm/resources.wasm")));
    for (int round = 0; round < 2; round++) {
      Linker linker = new Linker();
      try (ResourceScope scope = bindings.addTo(linker)) {
        ComponentInstance instance = linker.instantiate(component);
        ComponentFunction useBlob = instance.function("example:resources/api#use-blob");
        Value r = useBlob.call(Value.list(Value.u8(1), Value.u8(2), Value.u8(3)));
        // as guests/cases/resources.expected: use-blob([1, 2, 3]) => (5, 10, 144)
        assertThat(r).isEqualTo(Value.tuple(Value.u32(5), Value.u32(10), Value.u32(144)));
        // the guest dropped blob a (5 bytes): closed once; b (10 bytes) went back to the host
        Blob a = host.made.get(round * 2);
        Blob b = host.made.get(round * 2 + 1);
        assertThat(a.bytes).hasSize(5);
        assertThat(a.closed).isEqualTo(1);
        assertThat(b.bytes).hasSize(10);
        assertThat(b.closed).isZero();
        assertThat(scope.size()).isZero();
      }
    }
  }

  /** The {@code guests/} directory: system property {@code virga.guests}, else {@code ../../}. */
  private static Path guests() {
    String p = System.getProperty("virga.guests");
    Path dir = (p == null || p.isBlank() ? Path.of("../../guests") : Path.of(p)).toAbsolutePath();
    dir = dir.normalize();
    if (!Files.isDirectory(dir.resolve("wasm"))) {
      throw new IllegalStateException(
          "guests/ not found at " + dir + " (run from runtime/plugin-api or set -Dvirga.guests)");
    }
    return dir;
  }
}
