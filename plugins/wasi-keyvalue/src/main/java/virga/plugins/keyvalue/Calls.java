package virga.plugins.keyvalue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import virga.plugin.Result;
import virga.plugins.keyvalue.backend.KvException;

/**
 * Runs one guest call on a backend: counts it ({@code virga.wasi.keyvalue.calls} by function,
 * backend and outcome) and turns every failure into the WIT error, so a broken backend never traps
 * the guest.
 */
final class Calls {
  /** A backend call. */
  interface Body<T> {
    T run() throws KvException;
  }

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  Calls(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Counting into a private registry (tests, embedders). */
  static Calls unmetered() {
    return new Calls(new SimpleMeterRegistry());
  }

  <T> Result<T, StoreError> run(String function, String backend, Body<T> body) {
    try {
      T value = body.run();
      count(function, backend, "ok");
      return Result.ok(value);
    } catch (KvException e) {
      count(function, backend, e.kind().name().toLowerCase().replace('_', '-'));
      return Result.err(StoreError.of(e));
    } catch (RuntimeException e) {
      // A backend bug or a client library surprise: the guest gets an error, not a trap.
      count(function, backend, "other");
      return Result.err(new StoreError.Other(function + " failed: " + e));
    }
  }

  private void count(String function, String backend, String outcome) {
    counters
        .computeIfAbsent(
            function + '|' + backend + '|' + outcome,
            k ->
                Counter.builder("virga.wasi.keyvalue.calls")
                    .description("Calls of wasi:keyvalue by guests")
                    .tag("function", function)
                    .tag("backend", backend)
                    .tag("outcome", outcome)
                    .register(registry))
        .increment();
  }
}
