package virga.wasi.http;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server side of TLS for the {@link HttpServer}, from PEM files as {@code wash host} takes them
 * ({@code --tls-cert-path}, {@code --tls-key-path}): a certificate chain and a PKCS#8 private key.
 */
public final class ServerTls {
  private ServerTls() {}

  /**
   * A server context from {@code certChain} (PEM, leaf first) and {@code key} (PEM PKCS#8, not
   * encrypted), using the JDK's TLS.
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
    String pem;
    try {
      pem = Files.readString(key);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("cannot read TLS key " + key + ": " + e.getMessage(), e);
    }
    if (pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN EC PRIVATE KEY")) {
      throw new IllegalArgumentException(
          "TLS key "
              + key
              + " is in the traditional (PKCS#1/SEC1) format: convert it to PKCS#8 with"
              + " `openssl pkcs8 -topk8 -nocrypt -in "
              + key
              + " -out key.pk8.pem`");
    }
    try {
      return SslContextBuilder.forServer(certChain.toFile(), key.toFile()).build();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot use TLS certificate "
              + certChain
              + " with key "
              + key
              + ": "
              + e.getMessage()
              + " (give a PEM certificate chain and a matching unencrypted PKCS#8 PEM key)",
          e);
    }
  }
}
