package virga.host.artifact.oci;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The TLS context for registries: the JDK's certificate authorities plus extra PEM files. */
final class RegistryTls {
  private RegistryTls() {}

  /** The JDK's default context when there are no extra CAs, else one trusting both. */
  static SSLContext context(List<Path> caFiles) {
    try {
      if (caFiles.isEmpty()) {
        return SSLContext.getDefault();
      }
      KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
      extra.load(null, null);
      int n = 0;
      for (Path file : caFiles) {
        for (Certificate c : read(file)) {
          extra.setCertificateEntry("ca-" + n++, c);
        }
      }
      X509TrustManager jdk = trustManager(null);
      X509TrustManager added = trustManager(extra);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new EitherTrustManager(jdk, added)}, null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          "cannot set up TLS with the CA files " + caFiles + ": " + e, e);
    }
  }

  private static List<Certificate> read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      List<Certificate> certs =
          new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
      if (certs.isEmpty()) {
        throw new IllegalArgumentException("--oci-ca-path " + file + " holds no PEM certificate");
      }
      return certs;
    } catch (CertificateException e) {
      throw new IllegalArgumentException(
          "--oci-ca-path " + file + " is not a PEM certificate file: " + e.getMessage(), e);
    }
  }

  private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory f =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(store);
    for (TrustManager tm : f.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X509TrustManager");
  }

  /** Trusts a server chain that either the JDK's CAs or the extra CAs accept. */
  private record EitherTrustManager(X509TrustManager first, X509TrustManager second)
      implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      first.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      try {
        first.checkServerTrusted(chain, authType);
      } catch (CertificateException e) {
        second.checkServerTrusted(chain, authType);
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      X509Certificate[] a = first.getAcceptedIssuers();
      X509Certificate[] b = second.getAcceptedIssuers();
      X509Certificate[] all = java.util.Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, all, a.length, b.length);
      return all;
    }
  }
}
