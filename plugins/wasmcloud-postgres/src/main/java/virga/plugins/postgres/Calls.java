package virga.plugins.postgres;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import virga.plugin.Result;

/** Counts guest calls by function and outcome ({@code virga.wasmcloud.postgres.calls}). */
final class Calls {
  private final MeterRegistry registry;

  Calls(MeterRegistry registry) {
    this.registry = registry;
  }

  <T, E> Result<T, E> count(String function, Result<T, E> result) {
    // tags are the function and ok/error only: never SQL text or values
    Counter.builder("virga.wasmcloud.postgres.calls")
        .description("Calls of wasmcloud:postgres by guests")
        .tag("function", function)
        .tag("outcome", result.isOk() ? "ok" : "error")
        .register(registry)
        .increment();
    return result;
  }
}
