package virga.wasi.http;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;
import virga.tls.KeyMatch;
import virga.tls.Pem;

/**
 * The server side of TLS for the {@link HttpServer}, from PEM files as {@code wash host} takes them
 * ({@code --tls-cert-path}, {@code --tls-key-path}): a certificate chain and its private key in any
 * PEM encoding {@link Pem} reads (PKCS#8, PKCS#1 RSA as Helm writes it, SEC1 EC).
 */
public final class ServerTls {
  private ServerTls() {}

  /**
   * A server context from {@code certChain} (PEM, leaf first) and {@code key} (PEM, not encrypted),
   * using the JDK's TLS.
   *
   * @throws IllegalArgumentException naming the file and what to do when either cannot be used
   */
  public static SslContext fromPem(Path certChain, Path key) {
    for (Path p : new Path[] {certChain, key}) {
      if (!Files.isReadable(p)) {
        throw new IllegalArgumentException(
            "TLS file " + p + " does not exist or is not readable: give a PEM file");
      }
    }
    try {
      PrivateKey privateKey = Pem.privateKey(key);
      X509Certificate[] chain = Pem.certificates(certChain).toArray(X509Certificate[]::new);
      KeyMatch.require(chain[0], privateKey, certChain, key);
      return SslContextBuilder.forServer(privateKey, chain).build();
    } catch (SSLException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot use TLS certificate "
              + certChain
              + " with key "
              + key
              + ": "
              + e.getMessage()
              + " (give a PEM certificate chain and its unencrypted PEM key: PKCS#8, PKCS#1 RSA"
              + " or SEC1 EC)",
          e);
    }
  }
}
