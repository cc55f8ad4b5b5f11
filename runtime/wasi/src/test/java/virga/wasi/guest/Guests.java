package virga.wasi.guest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import virga.component.Component;
import virga.component.Engine;
import virga.component.Linker;
import virga.component.values.Value;
import virga.component.wit.HostBinder;
import virga.component.wit.WitParser;
import virga.component.wit.WitTypes;

/**
 * Real guest fixtures from {@code guests/wasm/}, compiled once per JVM, and the non-WASI host
 * imports they need (wasi:config, wasi:logging) as test host functions declared from the fixtures'
 * own WIT.
 */
public final class Guests {
  static final Path DIR = Path.of("../../guests");
  private static final Engine ENGINE = Engine.create();
  private static final Map<String, Component> COMPILED = new ConcurrentHashMap<>();

  private Guests() {}

  /** {@code guests/wasm/<name>.wasm}, compiled. */
  public static Component component(String name) {
    return COMPILED.computeIfAbsent(
        name,
        n -> {
          try {
            return ENGINE.compile(Files.readAllBytes(DIR.resolve("wasm/" + n + ".wasm")));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** wasi:config/store answering from {@code config}, and wasi:logging appending to {@code log}. */
  public static void addConfigAndLogging(
      Linker linker, Map<String, String> config, List<String> log) {
    WitTypes types =
        WitTypes.of(
            List.of(
                WitParser.parse(read("cguest/wit/deps/config/store.wit")),
                WitParser.parse(read("cguest/wit/deps/logging/logging.wit"))));
    HostBinder b = new HostBinder(linker, types);
    b.iface("wasi:config/store")
        .func(
            "get",
            a -> {
              String v = config.get(((Value.Str) a[0]).value());
              return Value.ok(v == null ? Value.none() : Value.some(Value.string(v)));
            })
        .func(
            "get-all",
            a ->
                Value.ok(
                    Value.list(
                        config.entrySet().stream()
                            .map(
                                e ->
                                    (Value)
                                        Value.tuple(
                                            Value.string(e.getKey()), Value.string(e.getValue())))
                            .toList())));
    b.iface("wasi:logging/logging")
        .func(
            "log",
            a -> {
              log.add(
                  ((Value.EnumValue) a[0]).label()
                      + " "
                      + ((Value.Str) a[1]).value()
                      + ": "
                      + ((Value.Str) a[2]).value());
              return null;
            });
  }

  /** A fresh log list. */
  public static List<String> newLog() {
    return new CopyOnWriteArrayList<>();
  }

  private static String read(String path) {
    try {
      return Files.readString(DIR.resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
