package virga.host.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import virga.component.Component;
import virga.component.Engine;
import virga.component.Linker;
import virga.component.core.InstanceLimits;
import virga.component.values.Value;
import virga.component.wit.HostBinder;
import virga.component.wit.WitParser;
import virga.component.wit.WitTypes;
import virga.wasi.CommandRunner;
import virga.wasi.NetworkPolicy;
import virga.wasi.Wasi;
import virga.wasi.WasiContext;
import virga.wasi.WasiPackage;

/**
 * guests/wasm/tcp-echo.wasm run through {@code virga.wasi} on a thread of its own: {@code
 * mode=serve} listens on 127.0.0.1:port and echoes {@code count} connections, {@code mode=connect}
 * sends {@code message} to 127.0.0.1:port and prints the reply.
 */
final class EchoGuest {
  private static final Path GUESTS = Path.of("../../guests");
  private static Component component;

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();

  private EchoGuest(Map<String, String> config, NetworkPolicy policy, NetworkPolicy.Caller who) {
    Linker linker = new Linker();
    addConfig(linker, config);
    WasiContext ctx =
        WasiContext.builder().stdout(stdout).networkPolicy(policy).caller(who).build();
    Thread t =
        new Thread(
            () -> {
              try {
                exit.complete(CommandRunner.run(compiled(), linker, ctx, InstanceLimits.NONE));
              } catch (Throwable e) {
                exit.completeExceptionally(e);
              }
            },
            "tcp-echo-" + who.workloadId() + "-" + who.itemName());
    t.setDaemon(true);
    t.start();
  }

  static EchoGuest serve(int port, int count, NetworkPolicy policy, NetworkPolicy.Caller who) {
    return new EchoGuest(
        Map.of("mode", "serve", "port", "" + port, "count", "" + count), policy, who);
  }

  static EchoGuest connect(
      int port, String message, NetworkPolicy policy, NetworkPolicy.Caller who) {
    return new EchoGuest(
        Map.of("mode", "connect", "port", "" + port, "message", message), policy, who);
  }

  private static synchronized Component compiled() throws IOException {
    if (component == null) {
      component = Engine.create().compile(Files.readAllBytes(GUESTS.resolve("wasm/tcp-echo.wasm")));
    }
    return component;
  }

  String out() {
    synchronized (stdout) {
      return stdout.toString(StandardCharsets.UTF_8);
    }
  }

  /** Waits (bounded) until stdout contains {@code text} or the guest ended. */
  boolean awaitOutput(String text, long millis) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < end) {
      if (out().contains(text)) {
        return true;
      }
      if (exit.isDone()) {
        return out().contains(text);
      }
      Thread.sleep(10);
    }
    return false;
  }

  int awaitExit(long seconds) throws Exception {
    return exit.get(seconds, TimeUnit.SECONDS);
  }

  /** wasi:config/store answering from {@code config}; stand-ins for what WASI lacks here. */
  private static void addConfig(Linker linker, Map<String, String> config) {
    String wit;
    try {
      wit = Files.readString(GUESTS.resolve("cguest/wit/deps/config/store.wit"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    HostBinder b = new HostBinder(linker, WitTypes.of(List.of(WitParser.parse(wit))));
    b.iface("wasi:config/store")
        .func(
            "get",
            a -> {
              String v = config.get(((Value.Str) a[0]).value());
              return Value.ok(v == null ? Value.none() : Value.some(Value.string(v)));
            });
    List<String> present = Wasi.packages().stream().map(WasiPackage::id).toList();
    if (!present.contains("wasi:filesystem")) {
      HostBinder w = new HostBinder(linker, Wasi.types());
      w.iface("wasi:filesystem/preopens").func("get-directories", a -> Value.list());
      w.iface("wasi:filesystem/types").trapRemaining("no filesystem in this test");
    }
  }
}
