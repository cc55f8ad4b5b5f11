package virga.plugins.secrets;

import io.micrometer.core.instrument.Counter;
import virga.plugin.Result;
import virga.plugin.WitImplementation;

/**
 * {@code wasmcloud:secrets/store@2.1.0} for one workload item: {@code get} hands out a fresh {@link
 * Secret} copy of the item's bind-time value, {@code not-found} for a key it was not given.
 */
@WitImplementation(value = WasmcloudSecretsPlugin.STORE, wit = WasmcloudSecretsPlugin.WIT)
public final class SecretStore {
  /** WIT {@code variant secrets-error { upstream(string), io(string), not-found }}. */
  public sealed interface SecretsError {
    /** An error from an upstream secrets source; never returned: values are delivered at bind. */
    record Upstream(String value) implements SecretsError {}

    /** An I/O error; never returned: values are delivered at bind. */
    record Io(String value) implements SecretsError {}

    /** The key has no value for this component. */
    record NotFound() implements SecretsError {}
  }

  private final ItemSecrets secrets;
  private final Counter found;
  private final Counter notFound;

  SecretStore(ItemSecrets secrets, Counter found, Counter notFound) {
    this.secrets = secrets;
    this.found = found;
    this.notFound = notFound;
  }

  /** {@code get: func(key: string) -> result<secret, secrets-error>}. */
  public Result<Secret, SecretsError> get(String key) {
    Secret s = secrets.secret(key);
    if (s == null) {
      notFound.increment();
      return Result.err(new SecretsError.NotFound());
    }
    found.increment();
    return Result.ok(s);
  }
}
