package virga.host.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import virga.host.nats.NatsEndpoint;

/**
 * The data-plane NATS options ({@code --data-nats-*}, named like {@code wash host}'s): the
 * connection the host shares with its plugins (messaging, key-value, blobstore).
 */
final class DataNatsOptions {
  @Option(
      names = "--data-nats-url",
      paramLabel = "URL",
      description = "The data-plane NATS for plugins (messaging, key-value, blobstore).")
  String url;

  @Option(
      names = "--data-nats-creds",
      paramLabel = "FILE",
      description = "A NATS .creds file for the data-plane connection.")
  Path creds;

  @Option(
      names = {"--data-nats-tls-ca", "--data-nats-ca"},
      paramLabel = "FILE",
      description = "PEM CA certificates to trust for the data-plane connection.")
  Path ca;

  @Option(
      names = {"--data-nats-tls-cert", "--data-nats-cert"},
      paramLabel = "FILE",
      description = "PEM client certificate for the data-plane connection (mutual TLS).")
  Path cert;

  @Option(
      names = {"--data-nats-tls-key", "--data-nats-key"},
      paramLabel = "FILE",
      description = "PEM key (PKCS#8, PKCS#1 RSA or SEC1 EC) of --data-nats-tls-cert.")
  Path key;

  /** Whether any {@code --data-nats-*} option was given. */
  boolean given() {
    return url != null || creds != null || ca != null || cert != null || key != null;
  }

  /**
   * The endpoint, or {@code fallback} when no option was given; a TLS or creds option without a URL
   * uses {@code fallback}'s URL.
   *
   * @throws IllegalArgumentException when a file is unreadable or TLS files are unpaired
   */
  NatsEndpoint endpoint(NatsEndpoint fallback) {
    if (!given()) {
      return fallback;
    }
    String u = url != null ? url : fallback == null ? null : fallback.url();
    if (u == null) {
      throw new IllegalArgumentException(
          "--data-nats-creds and --data-nats-tls-* need --data-nats-url");
    }
    return new NatsEndpoint(u, creds, ca, cert, key);
  }
}
