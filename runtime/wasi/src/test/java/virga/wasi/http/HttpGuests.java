package virga.wasi.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import virga.component.Component;
import virga.component.Engine;
import virga.component.core.InstanceLimits;
import virga.wasi.NetworkPolicy;
import virga.wasi.WasiContext;

/** The wasi-http guest fixtures ({@code guests/wasm/wasi-http-*.wasm}) and servers running them. */
final class HttpGuests {
  static final Path DIR = Path.of("../../guests");
  private static final Engine ENGINE = Engine.create();
  private static final Map<String, Component> COMPILED = new ConcurrentHashMap<>();

  private HttpGuests() {}

  static Path wasm(String name) {
    return DIR.resolve("wasm/wasi-http-" + name + ".wasm");
  }

  static Component component(String name) {
    return COMPILED.computeIfAbsent(
        name,
        n -> {
          try {
            return ENGINE.compile(Files.readAllBytes(wasm(n)));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  static HttpServer serve(String name, HttpServerConfig config, NetworkPolicy policy) {
    IncomingHandlerRunner runner =
        new IncomingHandlerRunner(
            component(name),
            null,
            () -> WasiContext.builder().networkPolicy(policy).build(),
            new InstanceLimits(64L * 1024 * 1024, config.requestTimeout()));
    return HttpServer.start(runner, new InetSocketAddress("127.0.0.1", 0), config);
  }

  static HttpServer serve(String name) {
    return serve(name, HttpServerConfig.DEFAULT, NetworkPolicy.DENY_ALL);
  }
}
