package virga.plugins.blobstore;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.function.Supplier;
import virga.plugin.Result;
import virga.plugins.blobstore.backend.BlobBackend;
import virga.plugins.blobstore.backend.BlobException;

/**
 * What one workload item's blobstore calls go to: a backend, the item's policy, and the limits of
 * its values. Turns every refusal or backend failure into the WIT error string and counts it.
 */
final class Session {
  private final BlobBackend backend;
  private final Policy policy;
  private final Limits limits;
  private final MeterRegistry meters;

  /**
   * Bounds on values.
   *
   * @param spoolMemory bytes an outgoing value keeps in memory before it spools to a file
   * @param spoolDir where spool files go
   * @param maxSyncRead the largest value {@code incoming-value-consume-sync} returns
   * @param readAhead bytes an input-stream reads ahead of the guest
   */
  record Limits(int spoolMemory, Path spoolDir, long maxSyncRead, int readAhead) {
    static Limits defaults() {
      return new Limits(
          1024 * 1024, Path.of(System.getProperty("java.io.tmpdir")), 16L << 20, 64 * 1024);
    }
  }

  Session(BlobBackend backend, Policy policy, Limits limits, MeterRegistry meters) {
    this.backend = backend;
    this.policy = policy;
    this.limits = limits;
    this.meters = meters;
  }

  BlobBackend backend() {
    return backend;
  }

  Policy policy() {
    return policy;
  }

  Limits limits() {
    return limits;
  }

  /** Runs {@code op}: its value, or its refusal as the error. */
  <T> Result<T, String> call(String function, Supplier<T> op) {
    try {
      T v = op.get();
      count(function, "ok");
      return Result.ok(v);
    } catch (BlobException e) {
      count(function, "error");
      return Result.err(e.getMessage());
    } catch (RuntimeException e) {
      count(function, "error");
      return Result.err(function + " failed: " + e);
    }
  }

  /** Runs {@code op}, which has no value. */
  Result<Void, String> run(String function, Runnable op) {
    return call(
        function,
        () -> {
          op.run();
          return null;
        });
  }

  private void count(String function, String outcome) {
    Counter.builder("virga.wasi.blobstore.calls")
        .description("Calls of wasi:blobstore by guests")
        .tag("function", function)
        .tag("backend", backend.kind())
        .tag("outcome", outcome)
        .register(meters)
        .increment();
  }
}
