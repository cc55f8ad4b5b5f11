package virga.host.nats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One NATS connection's settings ({@code --scheduler-nats-*} or {@code --data-nats-*}): the URL
 * (comma-separated for several servers), an optional creds file, and optional PEM files for TLS (a
 * CA to trust, and a client certificate with its key for mutual TLS).
 *
 * @param url e.g. {@code nats://127.0.0.1:4222} or {@code tls://nats:4222}
 * @param creds a NATS {@code .creds} file (JWT and nkey seed), or null
 * @param ca a PEM file of the CA certificates to trust, or null for the JVM's
 * @param cert a PEM client certificate (chain), or null
 * @param key the PEM private key of {@code cert} (PKCS#8, PKCS#1 RSA or SEC1 EC), or null
 */
public record NatsEndpoint(String url, Path creds, Path ca, Path cert, Path key) {
  public NatsEndpoint {
    Objects.requireNonNull(url, "url");
    if (url.isBlank()) {
      throw new IllegalArgumentException("the NATS URL is empty: pass e.g. nats://127.0.0.1:4222");
    }
    if ((cert == null) != (key == null)) {
      throw new IllegalArgumentException(
          "a NATS client certificate needs its key and a key needs its certificate: pass both"
              + " --*-nats-cert and --*-nats-key, or neither");
    }
    for (Path p : new Path[] {creds, ca, cert, key}) {
      if (p != null && !Files.isReadable(p)) {
        throw new IllegalArgumentException("cannot read " + p + ": check the path and permissions");
      }
    }
  }

  /** A plain connection to {@code url}. */
  public static NatsEndpoint of(String url) {
    return new NatsEndpoint(url, null, null, null, null);
  }

  /** Whether TLS files were given (the URL's {@code tls://} scheme also asks for TLS). */
  public boolean tls() {
    return ca != null || cert != null;
  }
}
