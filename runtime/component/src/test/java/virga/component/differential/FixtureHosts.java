package virga.component.differential;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import virga.component.Linker;
import virga.component.types.ResourceType;
import virga.component.values.Value;

/**
 * Java ports of the node oracle's host implementations ({@code guests/oracle/hosts/<fixture>.js}),
 * keyed {@code ns:pkg/iface#func} (no version). They must behave exactly like the JS ones: the
 * differential test compares the transcripts both produce. Logging of each call ({@code host: ...})
 * is done by {@link TranscriptRunner} for every imported function, as {@code hostlog.mjs} does for
 * freestanding functions and the JS resource classes do for their members.
 */
final class FixtureHosts {
  private FixtureHosts() {}

  /** What a host implementation may use from the runner. */
  interface Env {
    /** The host resource type the runner registered for {@code ns:pkg/iface#name}. */
    ResourceType resource(String key);

    /** Appends a line to the transcript. */
    void emit(String line);

    /** Runs {@code dtor} with the rep when a guest drops its last own handle of {@code type}. */
    void onDrop(ResourceType type, Consumer<Object> dtor);

    /**
     * Calls the instance's export {@code function} ({@code ns:pkg/iface#func}): a host callback.
     */
    Value call(String function, Value... args);
  }

  /** The host functions of {@code fixture}; empty for fixtures that import nothing. */
  static Map<String, Linker.HostFunction> of(String fixture, Env env) {
    return switch (fixture) {
      case "kinds" -> kinds();
      case "resources", "nested-resources", "misuse" -> resources(env);
      case "encodings" -> encodings();
      case "nested" -> Map.of("example:nested/host#offset", args -> Value.u32(1000));
      case "empty-import", "empty-import-c" -> emptyImport();
      case "world-resource" -> worldResource(env);
      case "sweep" -> sweep();
      case "layout" -> Map.of("example:layout/host#mirror", args -> args[0]);
      // hosts/reenter.js: callback(depth) calls back into the same instance's api.enter(depth - 1)
      case "reenter" ->
          Map.of(
              "example:reenter/host#callback",
              args ->
                  env.call(
                      "example:reenter/api#enter", Value.u32(((Value.U32) args[0]).value() - 1)));
      case "composed",
          "composed-latin1",
          "bench",
          "reverse",
          "malformed",
          "blob-provider",
          "composed-resources",
          "utf16-edge",
          "borrow-scope",
          "bulk-scope" ->
          Map.of();
      default -> throw new IllegalArgumentException("no Java host implementation for " + fixture);
    };
  }

  /** hosts/kinds.js: every echo function returns its argument; sum17 and mixed compute. */
  private static Map<String, Linker.HostFunction> kinds() {
    Map<String, Linker.HostFunction> m = new LinkedHashMap<>();
    String iface = "example:kinds/host#";
    for (String f :
        List.of(
            "bool",
            "s8",
            "u8",
            "s16",
            "u16",
            "s32",
            "u32",
            "s64",
            "u64",
            "f32",
            "f64",
            "char",
            "string",
            "list-u8",
            "list-string",
            "list-point",
            "point",
            "person",
            "tuple",
            "shape",
            "color",
            "option-u32",
            "option-option",
            "option-string",
            "result",
            "result-ok",
            "result-err",
            "result-both",
            "small-flags",
            "big-flags")) {
      // identity; for result<..> the JS host returns the ok payload or throws the err payload,
      // which jco lowers back into the same result
      m.put(iface + "echo-" + f, args -> args[0]);
    }
    // (...a) => a.reduce((x, y) => (x + y) >>> 0, 0)
    m.put(
        iface + "sum17",
        args -> {
          long sum = 0;
          for (Value a : args) {
            sum = (sum + ((Value.U32) a).value()) & 0xFFFF_FFFFL;
          }
          return Value.u32(sum);
        });
    // (a, b, c, d, e, f, g) => [c * 2n, e + d, f, !g]
    m.put(
        iface + "mixed",
        args ->
            Value.tuple(
                Value.s64(((Value.S64) args[2]).value() * 2),
                Value.f64(((Value.F64) args[4]).value() + ((Value.F32) args[3]).value()),
                args[5],
                Value.bool(!((Value.Bool) args[6]).value())));
    return m;
  }

  /**
   * hosts/sweep.js: every echo function returns its argument; spill returns its arguments as a
   * tuple, sixteen sums (wrapping u64), sink accepts, source returns a constant.
   */
  private static Map<String, Linker.HostFunction> sweep() {
    Map<String, Linker.HostFunction> m = new LinkedHashMap<>();
    String iface = "example:sweep/host#";
    for (String f : SWEEP_ECHOES) {
      m.put(iface + "echo-" + f, args -> args[0]);
    }
    m.put(iface + "spill", Value::tuple);
    m.put(
        iface + "sixteen",
        args -> {
          long sum = 0;
          for (Value a : args) {
            sum += ((Value.U64) a).value();
          }
          return Value.u64(sum);
        });
    m.put(iface + "sink", args -> null);
    m.put(iface + "source", args -> Value.string("from the host ✓"));
    return m;
  }

  /** The echo-X functions of guests/sweep/gen.py (ECHO). */
  private static final List<String> SWEEP_ECHOES =
      List.of(
          "f8",
          "f9",
          "f16",
          "f17",
          "e1",
          "e257",
          "num",
          "fi",
          "fd",
          "deep",
          "all",
          "wrap",
          "tuple-align",
          "string",
          "list-u32",
          "list-list-u8",
          "list-list-string",
          "list-f64",
          "list-f32",
          "list-char",
          "list-s64",
          "list-u16",
          "list-s8",
          "list-bool",
          "list-option-u16",
          "list-tuple",
          "list-e257",
          "list-num",
          "list-result",
          "list-f9",
          "list-all",
          "option-f64",
          "option-tuple",
          "option-list",
          "option-num",
          "option-e1",
          "option-option-string",
          "result-f32-u64",
          "result-bytes-string",
          "result-nested",
          "result-option-enum",
          "result-unit-list");

  /** hosts/resources.js: the byte blob resource. */
  private static Map<String, Linker.HostFunction> resources(Env env) {
    String iface = "example:resources/host#";
    ResourceType blob = env.resource(iface + "blob");
    // [Symbol.dispose]() { emit(`host: drop <blob>(${this.bytes.length} bytes)`) }
    env.onDrop(blob, rep -> env.emit("host: drop <blob>(" + ((Blob) rep).bytes.size() + " bytes)"));
    Map<String, Linker.HostFunction> m = new LinkedHashMap<>();
    m.put(iface + "[constructor]blob", args -> Value.own(blob, new Blob(bytes(args[0]))));
    m.put(iface + "[method]blob.size", args -> Value.u32(blob(args[0]).bytes.size()));
    m.put(
        iface + "[method]blob.append",
        args -> {
          blob(args[0]).bytes.addAll(bytes(args[1]));
          return null;
        });
    m.put(
        iface + "[static]blob.concat",
        args -> {
          // new Blob([...a.bytes, ...b.bytes], true): internal, so no constructor log line
          List<Integer> all = new ArrayList<>(blob(args[0]).bytes);
          all.addAll(blob(args[1]).bytes);
          return Value.own(blob, new Blob(all));
        });
    // consume(b) { return b.bytes.reduce((x, y) => x + y, 0); } -- takes ownership, never disposes
    m.put(
        iface + "consume",
        args -> Value.u32(blob(args[0]).bytes.stream().mapToLong(Integer::longValue).sum()));
    return m;
  }

  /** hosts/encodings.js: transform(s) reverses s by code points. */
  private static Map<String, Linker.HostFunction> encodings() {
    return Map.of(
        "example:encodings/host#transform",
        args -> {
          int[] cps = ((Value.Str) args[0]).value().codePoints().toArray();
          StringBuilder sb = new StringBuilder();
          for (int i = cps.length - 1; i >= 0; i--) {
            sb.appendCodePoint(cps[i]);
          }
          return Value.string(sb.toString());
        });
  }

  /** hosts/empty-import.js: double(x) = 2x (wrapping u32), greet(name) = "hello, " + name. */
  private static Map<String, Linker.HostFunction> emptyImport() {
    String iface = "example:empty-import/host#";
    return Map.of(
        iface + "double",
        args -> Value.u32((((Value.U32) args[0]).value() * 2) & 0xFFFF_FFFFL),
        iface + "greet",
        args -> Value.string("hello, " + ((Value.Str) args[0]).value()));
  }

  /** hosts/world-resource.js: the world-level resource cell (a u32) and make/take. */
  private static Map<String, Linker.HostFunction> worldResource(Env env) {
    ResourceType cell = env.resource("cell");
    // [Symbol.dispose]() { emit(`host: drop <cell>(${this.v})`) }
    env.onDrop(cell, rep -> env.emit("host: drop <cell>(" + ((Cell) rep).value + ")"));
    Map<String, Linker.HostFunction> m = new LinkedHashMap<>();
    m.put("[constructor]cell", args -> Value.own(cell, new Cell(((Value.U32) args[0]).value())));
    m.put("[method]cell.get", args -> Value.u32(cell(args[0]).value));
    m.put(
        "[static]cell.merge",
        args -> Value.own(cell, new Cell(cell(args[0]).value + cell(args[1]).value)));
    m.put("make", args -> Value.own(cell, new Cell(((Value.U32) args[0]).value() * 3)));
    // take(c) { return (c.v + 1) >>> 0; } -- takes ownership, never disposes
    m.put("take", args -> Value.u32((cell(args[0]).value + 1) & 0xFFFF_FFFFL));
    return m;
  }

  /** The rep of a host cell handle: a u32. */
  private static final class Cell {
    final long value;

    Cell(long value) {
      this.value = value & 0xFFFF_FFFFL;
    }
  }

  private static Cell cell(Value handle) {
    Object rep =
        handle instanceof Value.Borrow b ? b.rep() : handle instanceof Value.Own o ? o.rep() : null;
    if (!(rep instanceof Cell c)) {
      throw new IllegalStateException("not a cell handle: " + handle);
    }
    return c;
  }

  /** The rep of a host blob handle. */
  private static final class Blob {
    final List<Integer> bytes;

    Blob(List<Integer> init) {
      this.bytes = new ArrayList<>(init);
    }
  }

  private static Blob blob(Value handle) {
    Object rep =
        handle instanceof Value.Borrow b ? b.rep() : handle instanceof Value.Own o ? o.rep() : null;
    if (!(rep instanceof Blob b)) {
      throw new IllegalStateException("not a blob handle: " + handle);
    }
    return b;
  }

  private static List<Integer> bytes(Value list) {
    List<Integer> out = new ArrayList<>();
    for (Value v : ((Value.ListValue) list).elements()) {
      out.add(((Value.U8) v).value());
    }
    return out;
  }
}
