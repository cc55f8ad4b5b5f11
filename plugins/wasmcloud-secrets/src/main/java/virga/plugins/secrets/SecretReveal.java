package virga.plugins.secrets;

import io.micrometer.core.instrument.Counter;
import virga.plugin.WitImplementation;

/** {@code wasmcloud:secrets/reveal@2.1.0}: unwraps a {@link Secret} handle into its value. */
@WitImplementation(value = WasmcloudSecretsPlugin.REVEAL, wit = WasmcloudSecretsPlugin.WIT)
public final class SecretReveal {
  /** WIT {@code variant secret-value { %string(string), bytes(list<u8>) }}. */
  public sealed interface SecretValue {
    /** A text value; every value delivered through config is one. */
    record String(java.lang.String value) implements SecretValue {
      /** Never the value. */
      @Override
      public java.lang.String toString() {
        return "SecretValue.String[redacted]";
      }
    }

    /** A binary value. */
    record Bytes(byte[] value) implements SecretValue {
      /** Never the value. */
      @Override
      public java.lang.String toString() {
        return "SecretValue.Bytes[redacted]";
      }
    }
  }

  private final Counter reveals;

  SecretReveal(Counter reveals) {
    this.reveals = reveals;
  }

  /** {@code reveal: func(s: borrow<secret>) -> secret-value}. */
  public SecretValue reveal(Secret s) {
    reveals.increment();
    return new SecretValue.String(s.reveal());
  }
}
