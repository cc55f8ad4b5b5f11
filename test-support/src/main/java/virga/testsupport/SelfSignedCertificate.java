package virga.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;

/**
 * A self-signed certificate for {@code localhost} and 127.0.0.1 made by the real {@code openssl} at
 * test time (PEM files, the key unencrypted PKCS#8), and an HTTP client that trusts only it.
 *
 * @param cert the PEM certificate
 * @param key its PEM private key
 */
public record SelfSignedCertificate(Path cert, Path key) {
  /** Where openssl is: system property or environment variable {@value}. */
  public static final String SETTING = "OPENSSL_BIN";

  /**
   * Makes {@code cert.pem} and {@code key.pem} in {@code dir}; skips the test when openssl is
   * missing (fails it under {@code CI=true}).
   */
  public static SelfSignedCertificate create(Path dir) {
    Path openssl = Path.of(Prerequisites.setting(SETTING, "/usr/bin/openssl"));
    var available = Prerequisites.check("openssl", List.of(openssl));
    Assumptions.assumeFalse(available.isDisabled(), available.getReason().orElse(""));
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    CommandResult r =
        Commands.run(
            List.of(
                openssl.toString(),
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString()),
            Duration.ofSeconds(60));
    if (!r.succeeded()) {
      throw new IllegalStateException("openssl could not make a certificate: " + r);
    }
    return new SelfSignedCertificate(cert, key);
  }

  /** An HTTP/1.1 client that trusts this certificate and nothing else. */
  public HttpClient trustingClient() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      try (InputStream in = Files.newInputStream(cert)) {
        trust.setCertificateEntry(
            "virga-test", CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .sslContext(ctx)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
