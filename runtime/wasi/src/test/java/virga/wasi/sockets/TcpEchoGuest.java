package virga.wasi.sockets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import virga.component.Linker;
import virga.component.core.InstanceLimits;
import virga.component.values.Value;
import virga.component.wit.HostBinder;
import virga.wasi.CommandRunner;
import virga.wasi.NetworkPolicy;
import virga.wasi.Wasi;
import virga.wasi.WasiContext;
import virga.wasi.WasiPackage;
import virga.wasi.guest.Guests;

/** Runs guests/wasm/tcp-echo.wasm on the JVM host in a background thread. */
final class TcpEchoGuest {
  final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  final CompletableFuture<Integer> exit;

  private TcpEchoGuest(Map<String, String> config, NetworkPolicy policy, NetworkPolicy.Caller who) {
    Linker linker = new Linker();
    Guests.addConfigAndLogging(linker, config, Guests.newLog());
    addMissing(linker);
    WasiContext ctx =
        WasiContext.builder().stdout(stdout).networkPolicy(policy).caller(who).build();
    exit = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                exit.complete(
                    CommandRunner.run(
                        Guests.component("tcp-echo"), linker, ctx, InstanceLimits.NONE));
              } catch (Throwable e) {
                exit.completeExceptionally(e);
              }
            },
            "tcp-echo-guest");
    t.setDaemon(true);
    t.start();
  }

  static TcpEchoGuest start(
      Map<String, String> config, NetworkPolicy policy, NetworkPolicy.Caller who) {
    return new TcpEchoGuest(config, policy, who);
  }

  String out() {
    synchronized (stdout) {
      return stdout.toString(StandardCharsets.UTF_8);
    }
  }

  /** Waits (bounded) until stdout contains {@code text}, or the guest ended. */
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

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  /** Stand-ins for WASI packages not on the class path that the preview1 adapter imports. */
  static void addMissing(Linker linker) {
    List<String> present = Wasi.packages().stream().map(WasiPackage::id).toList();
    HostBinder b = new HostBinder(linker, Wasi.types());
    if (!present.contains("wasi:filesystem")) {
      b.iface("wasi:filesystem/preopens").func("get-directories", a -> Value.list());
      b.iface("wasi:filesystem/types").trapRemaining("no filesystem in this test");
    }
  }
}
