package virga.operator.nats;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
 * Builds an {@link SSLContext} from PEM files, as Kubernetes Secrets and cert-manager hand them
 * out; jnats itself only reads Java key stores.
 *
 * <p>Private keys may be PKCS#8 ({@code PRIVATE KEY}), PKCS#1 RSA ({@code RSA PRIVATE KEY}) or SEC1
 * EC ({@code EC PRIVATE KEY}); encrypted keys are refused.
 */
public final class PemTls {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");
  private static final char[] NO_PASSWORD = new char[0];

  private PemTls() {}

  /**
   * An SSL context trusting the CA certificates in {@code caFile} (or the JVM defaults when null)
   * and presenting the client certificate chain and key (or none when null).
   */
  public static SSLContext context(Path caFile, Path certFile, Path keyFile) {
    try {
      KeyManagerFactory kmf = null;
      if (certFile != null) {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        List<Certificate> chain = certificates(certFile);
        keys.setKeyEntry(
            "client", privateKey(keyFile), NO_PASSWORD, chain.toArray(new Certificate[0]));
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, NO_PASSWORD);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      if (caFile != null) {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (Certificate ca : certificates(caFile)) {
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
      throw new IllegalArgumentException("cannot build the NATS TLS context: " + e.getMessage(), e);
    }
  }

  /** Every certificate in a PEM file, in file order; at least one. */
  static List<Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<Certificate> certs = new ArrayList<>();
    for (Pem pem : read(file)) {
      if (pem.type.equals("CERTIFICATE")) {
        certs.add(factory.generateCertificate(new ByteArrayInputStream(pem.der)));
      }
    }
    if (certs.isEmpty()) {
      throw new IllegalArgumentException("no PEM CERTIFICATE block in " + file);
    }
    return certs;
  }

  /** The first private key in a PEM file. */
  static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
    for (Pem pem : read(file)) {
      switch (pem.type) {
        case "PRIVATE KEY":
          return pkcs8(pem.der, file);
        case "RSA PRIVATE KEY":
          return pkcs8(Der.pkcs1ToPkcs8(pem.der), file);
        case "EC PRIVATE KEY":
          return pkcs8(Der.sec1ToPkcs8(pem.der), file);
        case "ENCRYPTED PRIVATE KEY":
          throw new IllegalArgumentException(
              "encrypted private key in " + file + " is not supported; store it unencrypted");
        default:
          // certificates and parameters may share the file; keep looking
      }
    }
    throw new IllegalArgumentException("no PEM private key block in " + file);
  }

  private static PrivateKey pkcs8(byte[] der, Path file) throws GeneralSecurityException {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException wrongAlgorithm) {
        // the PKCS#8 header names the algorithm, but KeyFactory must be picked first
      }
    }
    throw new IllegalArgumentException("unsupported private key algorithm in " + file);
  }

  private static List<Pem> read(Path file) throws IOException {
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("cannot read " + file);
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    List<Pem> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      String body = m.group(2).replaceAll("\\s", "");
      if (body.contains(":")) {
        throw new IllegalArgumentException(
            "PEM block " + m.group(1) + " in " + file + " has headers (encrypted?); not supported");
      }
      blocks.add(new Pem(m.group(1), Base64.getDecoder().decode(body)));
    }
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no PEM block");
    }
    return blocks;
  }

  private record Pem(String type, byte[] der) {}

  /** Just enough DER to wrap PKCS#1 and SEC1 keys into PKCS#8. */
  static final class Der {
    private static final byte[] RSA_ALGORITHM = {
      0x30,
      0x0d,
      0x06,
      0x09,
      0x2a,
      (byte) 0x86,
      0x48,
      (byte) 0x86,
      (byte) 0xf7,
      0x0d,
      0x01,
      0x01,
      0x01,
      0x05,
      0x00
    };
    private static final byte[] EC_PUBLIC_KEY_OID = {
      0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01
    };
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

    private Der() {}

    static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
      return tlv(0x30, concat(VERSION_0, RSA_ALGORITHM, tlv(0x04, pkcs1)));
    }

    static byte[] sec1ToPkcs8(byte[] sec1) {
      // ECPrivateKey ::= SEQUENCE { version, privateKey OCTET STRING, [0] curve OID, [1] pubkey }
      int[] seq = header(sec1, 0, 0x30);
      int pos = seq[0];
      byte[] curve = null;
      while (pos < seq[0] + seq[1]) {
        int tag = sec1[pos] & 0xff;
        int[] h = header(sec1, pos, tag);
        if (tag == 0xa0) {
          curve = java.util.Arrays.copyOfRange(sec1, h[0], h[0] + h[1]);
        }
        pos = h[0] + h[1];
      }
      if (curve == null) {
        throw new IllegalArgumentException("EC private key names no curve");
      }
      byte[] algorithm = tlv(0x30, concat(EC_PUBLIC_KEY_OID, curve));
      return tlv(0x30, concat(VERSION_0, algorithm, tlv(0x04, sec1)));
    }

    /** {contentStart, contentLength} of the element at {@code pos}, which must carry tag. */
    private static int[] header(byte[] der, int pos, int tag) {
      if (pos + 2 > der.length || (der[pos] & 0xff) != tag) {
        throw new IllegalArgumentException("malformed DER key");
      }
      int len = der[pos + 1] & 0xff;
      int start = pos + 2;
      if (len >= 0x80) {
        int n = len & 0x7f;
        len = 0;
        for (int i = 0; i < n; i++) {
          len = (len << 8) | (der[start + i] & 0xff);
        }
        start += n;
      }
      if (start + len > der.length) {
        throw new IllegalArgumentException("malformed DER key");
      }
      return new int[] {start, len};
    }

    private static byte[] tlv(int tag, byte[] content) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(tag);
      int len = content.length;
      if (len < 0x80) {
        out.write(len);
      } else {
        int bytes = len > 0xffffff ? 4 : len > 0xffff ? 3 : len > 0xff ? 2 : 1;
        out.write(0x80 | bytes);
        for (int i = bytes - 1; i >= 0; i--) {
          out.write((len >>> (8 * i)) & 0xff);
        }
      }
      out.writeBytes(content);
      return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (byte[] p : parts) {
        out.writeBytes(p);
      }
      return out.toByteArray();
    }
  }
}
