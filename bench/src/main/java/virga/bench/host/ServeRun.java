package virga.bench.host;

import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import virga.host.ingress.HostRouter;
import virga.host.workload.GuestOutput;
import virga.host.workload.WorkloadHost;
import virga.wasi.http.HttpServer;
import virga.wasi.http.HttpServerConfig;

/**
 * {@code HostBench serve --addr HOST:PORT [--pool-size P] [--workers W]}: two workloads of the HTTP
 * hello component behind Host-header routing on one wasi:http server, {@code pool.localhost} with a
 * pool of P warm instances and {@code fresh.localhost} with a fresh instance per request, until
 * SIGTERM; then the server's counters and the host's meters go to stderr.
 */
final class ServeRun {
  private ServeRun() {}

  static void run(HostBench.Args a) throws Exception {
    int poolSize = a.integer("pool-size", 8);
    int workers = a.integer("workers", HttpServerConfig.DEFAULT.workers());
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    HostRouter router = new HostRouter(meters);
    WorkloadHost host = BenchHosts.routed(router, GuestOutput.DISCARD, meters);
    HttpServer server =
        HttpServer.start(
            router,
            a.address("addr", "127.0.0.1:18490"),
            HttpServerConfig.DEFAULT.withWorkers(workers));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  System.err.printf(
                      Locale.ROOT,
                      "served %d requests (%d trapped, %d refused busy)%n",
                      server.requests(),
                      server.traps(),
                      server.rejected());
                  printMeters(meters);
                  host.close();
                  stopped.countDown();
                },
                "bench-serve-shutdown"));
    BenchHosts.running(host.start(BenchWorkloads.httpHello("pool", "pool.localhost", poolSize)));
    BenchHosts.running(host.start(BenchWorkloads.httpHello("fresh", "fresh.localhost", 0)));
    BenchHosts.answers(server, "pool.localhost");
    BenchHosts.answers(server, "fresh.localhost");
    System.out.printf(
        Locale.ROOT,
        "ready http://%s:%d/ pool.localhost (poolSize %d), fresh.localhost (poolSize 0), %d workers%n",
        server.address().getHostString(),
        server.address().getPort(),
        poolSize,
        workers);
    System.out.flush();
    stopped.await();
  }

  private static void printMeters(SimpleMeterRegistry meters) {
    List<String> lines = new ArrayList<>();
    for (Meter m : meters.getMeters()) {
      StringBuilder b = new StringBuilder("meter ").append(m.getId().getName());
      m.getId()
          .getTags()
          .forEach(t -> b.append(' ').append(t.getKey()).append('=').append(t.getValue()));
      for (Measurement x : m.measure()) {
        b.append(' ').append(x.getStatistic().getTagValueRepresentation()).append('=');
        b.append(String.format(Locale.ROOT, "%.1f", x.getValue()));
      }
      lines.add(b.toString());
    }
    lines.sort(null);
    lines.forEach(System.err::println);
  }
}
