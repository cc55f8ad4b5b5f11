package virga.host.cli;

import io.netty.handler.ssl.SslContext;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import virga.wasi.http.ServerTls;

/**
 * TLS on the HTTP ingress, as {@code wash host} takes it: {@code --tls-cert-path/--tls-key-path}.
 */
final class TlsOptions {
  @Option(
      names = "--tls-cert-path",
      paramLabel = "PEM",
      description =
          "Serve HTTP over TLS with this PEM certificate chain (leaf first); needs"
              + " --tls-key-path.")
  Path certPath;

  @Option(
      names = "--tls-key-path",
      paramLabel = "PEM",
      description = "The unencrypted PEM key of --tls-cert-path: PKCS#8, PKCS#1 RSA or SEC1 EC.")
  Path keyPath;

  /**
   * The server context, or null for plain HTTP.
   *
   * @throws IllegalArgumentException when only one of the two is given, or a file is unusable
   */
  SslContext sslContext() {
    if (certPath == null && keyPath == null) {
      return null;
    }
    if (certPath == null || keyPath == null) {
      throw new IllegalArgumentException(
          "--tls-cert-path and --tls-key-path go together: give both, or neither for plain HTTP");
    }
    return ServerTls.fromPem(certPath, keyPath);
  }
}
