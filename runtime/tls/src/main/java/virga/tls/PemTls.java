package virga.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A JDK {@link SSLContext} from PEM files ({@code ca.crt}, {@code tls.crt}, {@code tls.key}), for
 * clients such as jnats that take an {@code SSLContext} but read only key stores.
 */
public final class PemTls {
  private static final char[] NO_PASSWORD = new char[0];

  private PemTls() {}

  /**
   * A context trusting the CA certificates in {@code caFile} (or the JVM's CAs when null) and
   * presenting the certificate chain {@code certFile} with its key {@code keyFile} (or no identity
   * when {@code certFile} is null).
   *
   * @throws IllegalArgumentException naming the file that cannot be used and why
   */
  public static SSLContext context(Path caFile, Path certFile, Path keyFile) {
    if (certFile != null && keyFile == null) {
      throw new IllegalArgumentException("the TLS certificate " + certFile + " needs its key file");
    }
    try {
      KeyManagerFactory kmf = null;
      if (certFile != null) {
        List<X509Certificate> chain = Pem.certificates(certFile);
        PrivateKey key = Pem.privateKey(keyFile);
        KeyMatch.require(chain.get(0), key, certFile, keyFile);
        KeyStore keys = emptyStore();
        keys.setKeyEntry("identity", key, NO_PASSWORD, chain.toArray(new Certificate[0]));
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, NO_PASSWORD);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (caFile != null) {
        KeyStore trust = emptyStore();
        int i = 0;
        for (X509Certificate ca : Pem.certificates(caFile)) {
          trust.setCertificateEntry("ca-" + i++, ca);
        }
        tmf.init(trust);
      } else {
        tmf.init((KeyStore) null);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      // e.g. a key that does not fit its certificate's algorithm
      throw new IllegalArgumentException(
          "cannot build a TLS context from "
              + (certFile == null ? "CA " + caFile : certFile + " and " + keyFile)
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    return store;
  }
}
