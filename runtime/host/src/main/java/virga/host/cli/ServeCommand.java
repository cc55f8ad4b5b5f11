package virga.host.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import virga.component.Component;
import virga.component.core.InstanceLimits;
import virga.host.engine.HostEngine;
import virga.wasi.NetworkPolicy;
import virga.wasi.WasiContext;
import virga.wasi.http.HttpServer;
import virga.wasi.http.HttpServerConfig;
import virga.wasi.http.IncomingHandlerRunner;

/**
 * {@code host serve COMPONENT.wasm [--addr 127.0.0.1:8080]}: serves a {@code wasi:http/proxy}
 * component over HTTP/1.1 until interrupted, like {@code wasmtime serve}: every request runs in a
 * fresh instance. The guest's stdout and stderr go to the host's; outgoing HTTP is denied unless
 * {@code --allow-http} names the destination.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve a wasi:http component (one exporting wasi:http/incoming-handler) over HTTP/1.1.",
      "Every request is handled by a fresh instance of the component. Stop with Ctrl-C.",
      "Example: host serve hello.wasm --addr 127.0.0.1:8080"
    })
final class ServeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "COMPONENT", description = "A component binary (.wasm).")
  Path component;

  @Option(
      names = "--addr",
      paramLabel = "HOST:PORT",
      description = "The address to listen on (port 0: any free port). Default: ${DEFAULT-VALUE}.",
      defaultValue = "127.0.0.1:8080")
  String addr;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description =
          "Threads running guests at once (guests blocked on I/O hold one). Default: ${DEFAULT-VALUE}.",
      defaultValue = "8")
  int workers;

  @Option(
      names = "--deadline",
      paramLabel = "DURATION",
      description =
          "Interrupt a request's guest after this long (500 if nothing was sent). Default: ${DEFAULT-VALUE}.",
      defaultValue = "30s",
      converter = DurationConverter.class)
  Duration deadline;

  @Option(
      names = "--max-request-body",
      paramLabel = "BYTES",
      description = "The largest request body accepted (413 beyond). Default: ${DEFAULT-VALUE}.",
      defaultValue = "16777216")
  long maxRequestBody;

  @Option(
      names = "--max-memory-mb",
      paramLabel = "MIB",
      description =
          "The most linear memory one instance may use, in MiB (0 = no limit). Default: ${DEFAULT-VALUE}.",
      defaultValue = "0")
  long maxMemoryMb;

  @Option(
      names = "--allow-http",
      paramLabel = "HOST[:PORT]",
      description =
          "Let the guest's outgoing requests (wasi:http/outgoing-handler) reach this destination"
              + " (repeatable; `*` allows every destination). Default: none.")
  List<String> allowHttp = new ArrayList<>();

  @Option(
      names = "--stats",
      paramLabel = "DURATION",
      description =
          "Print requests served and the mean instantiation and handling time per request to"
              + " stderr at this interval (0 = only on exit). Default: ${DEFAULT-VALUE}.",
      defaultValue = "0",
      converter = DurationConverter.class)
  Duration stats;

  @CommandLine.Mixin CompileCacheOptions compileCache = new CompileCacheOptions();

  /** Counted down once the server is listening (tests read the bound address then). */
  final CountDownLatch started = new CountDownLatch(1);

  volatile HttpServer server;

  @Override
  public Integer call() throws Exception {
    InetSocketAddress address = parseAddress(addr);
    if (workers <= 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--workers must be positive");
    }
    Component c = compile();
    NetworkPolicy policy = egress(allowHttp);
    // one secure and one insecure source for every request's instance (seeding a SecureRandom per
    // request would cost more than the instance)
    java.security.SecureRandom secure = new java.security.SecureRandom();
    java.util.Random insecure = new java.util.Random();
    IncomingHandlerRunner runner =
        new IncomingHandlerRunner(
            c,
            null,
            () ->
                WasiContext.builder()
                    .secureRandom(secure)
                    .insecureRandom(insecure)
                    .stdout(System.out)
                    .stderr(System.err)
                    .networkPolicy(policy)
                    .build(),
            new InstanceLimits(maxMemoryMb * 1024 * 1024, deadline));
    HttpServerConfig config =
        HttpServerConfig.DEFAULT
            .withWorkers(workers)
            .withMaxRequestBody(maxRequestBody)
            .withRequestTimeout(deadline);
    HttpServer s;
    try {
      s = HttpServer.start(runner, address, config);
    } catch (Exception e) {
      if (e instanceof SocketException || e.getCause() instanceof IOException) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "cannot listen on " + addr + ": " + e.getMessage());
      }
      throw e;
    }
    server = s;
    InetSocketAddress bound = s.address();
    var out = spec.commandLine().getOut();
    out.println(
        "Serving "
            + component.getFileName()
            + " on http://"
            + bound.getHostString()
            + ":"
            + bound.getPort()
            + "/ (a fresh instance per request; Ctrl-C to stop)");
    out.flush();
    java.util.concurrent.ScheduledExecutorService ticker = null;
    if (!stats.isZero()) {
      ticker =
          java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread th = new Thread(r, "virga-serve-stats");
                th.setDaemon(true);
                return th;
              });
      long[] last = new long[3];
      ticker.scheduleAtFixedRate(
          () -> {
            IncomingHandlerRunner r = s.runner();
            long n = r.calls();
            long inst = r.instantiateNanos();
            long handle = r.handleNanos();
            long dn = n - last[0];
            System.err.printf(
                Locale.ROOT,
                "stats: %d requests in %ds; per request: instantiate %.1f µs, handle %.1f µs%n",
                dn,
                stats.toSeconds(),
                dn == 0 ? 0.0 : (inst - last[1]) / 1000.0 / dn,
                dn == 0 ? 0.0 : (handle - last[2]) / 1000.0 / dn);
            last[0] = n;
            last[1] = inst;
            last[2] = handle;
          },
          stats.toMillis(),
          stats.toMillis(),
          java.util.concurrent.TimeUnit.MILLISECONDS);
    }
    Thread hook = new Thread(() -> stop(s), "virga-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    started.countDown();
    try {
      new CountDownLatch(1).await(); // until interrupted (tests) or the JVM exits (Ctrl-C)
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (ticker != null) {
        ticker.shutdownNow();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running
      }
      stop(s);
    }
    return 0;
  }

  /** Compiles the component and says how long it took and whether the compile cache served it. */
  private Component compile() throws IOException {
    byte[] bytes = Files.readAllBytes(component);
    HostEngine engine = HostEngine.create(compileCache.directory());
    long t0 = System.nanoTime();
    Component c = engine.engine().compile(bytes);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    var err = spec.commandLine().getErr();
    err.printf(
        Locale.ROOT,
        "compiled %s in %d ms (%s)%n",
        component.getFileName(),
        ms,
        engine
            .cacheDirectory()
            .map(
                d ->
                    engine.diskCacheHits()
                        + " core module(s) from the compile cache "
                        + d
                        + ", "
                        + engine.compilations()
                        + " compiled")
            .orElse("no compile cache"));
    err.flush();
    return c;
  }

  private void stop(HttpServer s) {
    s.close();
    IncomingHandlerRunner r = s.runner();
    System.err.printf(
        Locale.ROOT,
        "served %d requests (%d trapped, %d refused busy); per request: instantiate %.1f µs,"
            + " handle %.1f µs%n",
        s.requests(),
        s.traps(),
        s.rejected(),
        r.meanInstantiateNanos() / 1000,
        r.meanHandleNanos() / 1000);
  }

  private InetSocketAddress parseAddress(String a) {
    int colon = a.lastIndexOf(':');
    if (colon <= 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--addr must be HOST:PORT, e.g. 127.0.0.1:8080 (got `" + a + "`)");
    }
    String host = a.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(a.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--addr: invalid port in `" + a + "` (0..65535)");
    }
    return new InetSocketAddress(host, port);
  }

  /** Allows TCP connects to the listed destinations (by host name, optional port). */
  static NetworkPolicy egress(List<String> allowed) {
    if (allowed.isEmpty()) {
      return NetworkPolicy.DENY_ALL;
    }
    if (allowed.contains("*")) {
      return NetworkPolicy.ALLOW_ALL;
    }
    List<String> rules = allowed.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    return new NetworkPolicy() {
      @Override
      public boolean allows(Use use, InetSocketAddress address) {
        if (use != Use.TCP_CONNECT) {
          return false;
        }
        String host = address.getHostString().toLowerCase(Locale.ROOT);
        return rules.contains(host) || rules.contains(host + ":" + address.getPort());
      }

      @Override
      public boolean allowsNameLookup() {
        return true;
      }
    };
  }
}
