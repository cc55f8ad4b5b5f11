package virga.host.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;
import virga.host.standalone.StandaloneHost;
import virga.protocol.manifest.ManifestException;

/**
 * Runs a manifest's workloads until Ctrl-C or SIGTERM (which stop them all cleanly) or until every
 * one has ended; exit code 0 when all completed or were stopped, 1 when a workload failed, 2 for a
 * bad manifest or missing input.
 */
final class ManifestRun implements Callable<Integer> {
  private final Path manifest;
  private final ManifestOptions options;
  private final OciOptions oci;
  private final TlsOptions tls;
  private final CompileCacheOptions compileCache;
  private final PrintWriter err;

  ManifestRun(
      Path manifest,
      ManifestOptions options,
      OciOptions oci,
      TlsOptions tls,
      CompileCacheOptions compileCache,
      PrintWriter err) {
    this.manifest = manifest;
    this.options = options;
    this.oci = oci;
    this.tls = tls;
    this.compileCache = compileCache;
    this.err = err;
  }

  @Override
  public Integer call() throws Exception {
    if (!Files.exists(manifest)) {
      err.println("error: no such manifest: " + manifest);
      return CliErrors.BAD_INPUT;
    }
    StandaloneHost.Options o;
    try {
      o =
          new StandaloneHost.Options(
              manifest,
              options.configDirs,
              ManifestOptions.address("--http-addr", options.httpAddr),
              options.metricsAddr == null
                  ? null
                  : ManifestOptions.address("--metrics-addr", options.metricsAddr),
              options.plugins.setup(),
              options.allowHostLoopback,
              line -> {
                err.println(line);
                err.flush();
              },
              oci::resolver,
              tls.sslContext(),
              options.data.endpoint(null),
              compileCache.directory());
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return CliErrors.BAD_INPUT;
    }
    StandaloneHost host;
    try {
      host = StandaloneHost.start(o);
    } catch (ManifestException e) {
      for (String problem : e.problems()) {
        err.println("error: " + problem);
      }
      return CliErrors.BAD_INPUT;
    } catch (StandaloneHost.StartException e) {
      for (String failure : e.failures()) {
        err.println("error: " + failure);
      }
      return CliErrors.TRAP;
    }
    // Ctrl-C and SIGTERM (Kubernetes' stop) drain every workload, then exit 0
    CountDownLatch stopRequested = new CountDownLatch(1);
    for (String name : new String[] {"INT", "TERM"}) {
      Signal.handle(new Signal(name), signal -> stopRequested.countDown());
    }
    Thread ended =
        new Thread(
            () -> {
              try {
                host.awaitEnd();
                stopRequested.countDown();
              } catch (InterruptedException e) {
                // the run is over anyway
              }
            },
            "virga-await-end");
    ended.setDaemon(true);
    ended.start();
    err.println("running; press Ctrl-C to stop");
    err.flush();
    stopRequested.await();
    boolean byItself = host.allEnded();
    boolean ok = !byItself || host.allCompleted();
    if (!byItself) {
      err.println("stopping " + host.workloadIds().size() + " workload(s)...");
      err.flush();
    }
    host.close();
    if (!byItself) {
      err.println("stopped");
    }
    err.flush();
    return ok ? 0 : CliErrors.TRAP;
  }
}
