package virga.operator.nats;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How the operator reaches NATS: the same knobs as wasmCloud's {@code -nats-url}, {@code
 * -nats-creds}, {@code -nats-ca}, {@code -nats-client-cert}, {@code -nats-client-key} and {@code
 * -nats-tls-first} flags.
 *
 * @param url one or more server URLs, comma separated, e.g. {@code nats://127.0.0.1:4222}
 * @param credsFile a NATS {@code .creds} file (user JWT + nkey seed), or null
 * @param caFile PEM file of the CA certificates to trust, or null for the JVM's default trust store
 * @param clientCertFile PEM client certificate chain for mutual TLS, or null
 * @param clientKeyFile PEM private key of the client certificate, or null
 * @param tlsFirst do the TLS handshake before the NATS INFO exchange (server {@code
 *     handshake_first})
 */
public record NatsSettings(
    String url,
    Path credsFile,
    Path caFile,
    Path clientCertFile,
    Path clientKeyFile,
    boolean tlsFirst) {

  /** wasmCloud's default {@code -nats-url}. */
  public static final String DEFAULT_URL = "nats://127.0.0.1:4222";

  /** Checks that the settings can be used together. */
  public NatsSettings {
    Objects.requireNonNull(url, "url");
    if (url.isBlank()) {
      throw new IllegalArgumentException("NATS url must not be blank");
    }
    if ((clientCertFile == null) != (clientKeyFile == null)) {
      throw new IllegalArgumentException(
          "a NATS client certificate needs its key and vice versa (got cert="
              + clientCertFile
              + ", key="
              + clientKeyFile
              + ")");
    }
  }

  /** Plain settings for one URL: no credentials, no TLS. */
  public static NatsSettings of(String url) {
    return new NatsSettings(url, null, null, null, null, false);
  }

  /** Whether TLS is on: asked for explicitly by a CA, a client cert, tls-first or a tls:// URL. */
  public boolean tls() {
    return caFile != null || clientCertFile != null || tlsFirst || url.contains("tls://");
  }

  /** The creds file, when set. */
  public Optional<Path> creds() {
    return Optional.ofNullable(credsFile);
  }

  /** A copy with a creds file. */
  public NatsSettings withCreds(Path file) {
    return new NatsSettings(url, file, caFile, clientCertFile, clientKeyFile, tlsFirst);
  }

  /** A copy that trusts the CA certificates in {@code file}. */
  public NatsSettings withCa(Path file) {
    return new NatsSettings(url, credsFile, file, clientCertFile, clientKeyFile, tlsFirst);
  }

  /** A copy that presents a client certificate. */
  public NatsSettings withClientCert(Path cert, Path key) {
    return new NatsSettings(url, credsFile, caFile, cert, key, tlsFirst);
  }

  /** A copy with tls-first on or off. */
  public NatsSettings withTlsFirst(boolean on) {
    return new NatsSettings(url, credsFile, caFile, clientCertFile, clientKeyFile, on);
  }
}
