package virga.plugins.secrets;

import io.micrometer.core.instrument.Counter;
import virga.plugin.WitImplementation;

/**
 * {@code wasmcloud:secrets/secret@2.1.0} for one label: {@code get} hands out a fresh {@link
 * Secret} copy of the value at config key = label, which the bind already checked exists.
 */
@WitImplementation(value = WasmcloudSecretsPlugin.SECRET, wit = WasmcloudSecretsPlugin.WIT)
public final class LabeledSecret {
  private final ItemSecrets secrets;
  private final String label;
  private final Counter gets;

  LabeledSecret(ItemSecrets secrets, String label, Counter gets) {
    this.secrets = secrets;
    this.label = label;
    this.gets = gets;
  }

  /** {@code get: func() -> secret}. */
  public Secret get() {
    Secret s = secrets.secret(label);
    if (s == null) {
      // only after unbind: the guest is being stopped; trap rather than invent a value
      throw new IllegalStateException("secret '" + label + "' is no longer bound");
    }
    gets.increment();
    return s;
  }

  /** The label (= config key) this instance serves. */
  public String label() {
    return label;
  }
}
