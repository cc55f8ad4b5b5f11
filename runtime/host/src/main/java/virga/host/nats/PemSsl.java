package virga.host.nats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds an {@link SSLContext} from the PEM files Kubernetes Secrets hold ({@code ca.crt}, {@code
 * tls.crt}, {@code tls.key}), since the JDK reads only keystores: the CA becomes the trust store,
 * the certificate and its PKCS#8 key the client identity.
 */
final class PemSsl {
  private static final Pattern KEY =
      Pattern.compile(
          "-----BEGIN ([A-Z ]*)PRIVATE KEY-----([^-]+)-----END [A-Z ]*PRIVATE KEY-----");
  private static final char[] NO_PASSWORD = new char[0];

  private PemSsl() {}

  /** The context for {@code endpoint}'s TLS files (a null CA trusts the JVM's CAs). */
  static SSLContext context(NatsEndpoint endpoint) {
    try {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (endpoint.ca() != null) {
        KeyStore ts = emptyStore();
        int i = 0;
        for (Certificate c : certificates(endpoint.ca())) {
          ts.setCertificateEntry("ca-" + i++, c);
        }
        trust.init(ts);
      } else {
        trust.init((KeyStore) null);
      }
      KeyManagerFactory keys = null;
      if (endpoint.cert() != null) {
        KeyStore ks = emptyStore();
        List<Certificate> chain = certificates(endpoint.cert());
        ks.setKeyEntry(
            "client", privateKey(endpoint.key()), NO_PASSWORD, chain.toArray(Certificate[]::new));
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(ks, NO_PASSWORD);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("cannot set up NATS TLS: " + e.getMessage(), e);
    }
  }

  private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    return ks;
  }

  private static List<Certificate> certificates(Path file)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      List<Certificate> certs =
          new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
      if (certs.isEmpty()) {
        throw new GeneralSecurityException(file + " holds no PEM certificate");
      }
      return certs;
    }
  }

  private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
    String pem = Files.readString(file, StandardCharsets.US_ASCII);
    Matcher m = KEY.matcher(pem);
    if (!m.find()) {
      throw new GeneralSecurityException(file + " holds no PEM private key");
    }
    if (!m.group(1).isEmpty()) {
      throw new GeneralSecurityException(
          file
              + " holds a "
              + m.group(1).trim()
              + " key; convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in "
              + file.getFileName()
              + " -out key.pk8.pem");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(2).trim());
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    GeneralSecurityException last = null;
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw new GeneralSecurityException(file + ": not an RSA, EC or Ed25519 key", last);
  }
}
