package virga.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads certificates and private keys from PEM files as Kubernetes Secrets, cert-manager and Helm's
 * {@code genSignedCert} write them; the JDK itself reads only key stores and PKCS#8.
 *
 * <p>Private keys may be PKCS#8 ({@code PRIVATE KEY}), PKCS#1 RSA ({@code RSA PRIVATE KEY}) or SEC1
 * EC ({@code EC PRIVATE KEY}); encrypted keys are refused. Every error is an {@link
 * IllegalArgumentException} that names the file and says what is wrong.
 */
public final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
  private static final List<String> PKCS8_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

  private Pem() {}

  /** Every certificate in {@code file}, in file order (a chain is leaf first); at least one. */
  public static List<X509Certificate> certificates(Path file) {
    CertificateFactory factory;
    try {
      factory = CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("this JVM has no X.509 support", e);
    }
    List<X509Certificate> certs = new ArrayList<>();
    for (Block block : read(file)) {
      if (block.type().equals("CERTIFICATE")) {
        try {
          certs.add(
              (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
        } catch (CertificateException e) {
          throw new IllegalArgumentException(
              "certificate " + (certs.size() + 1) + " in " + file + " is not valid X.509: " + e, e);
        }
      }
    }
    if (certs.isEmpty()) {
      throw new IllegalArgumentException("no PEM CERTIFICATE block in " + file);
    }
    return certs;
  }

  /**
   * The first private key in {@code file}; other blocks (certificates, EC parameters) are skipped.
   */
  public static PrivateKey privateKey(Path file) {
    for (Block block : read(file)) {
      switch (block.type()) {
        case "PRIVATE KEY":
          return pkcs8(block.der(), PKCS8_ALGORITHMS, file, "PKCS#8");
        case "RSA PRIVATE KEY":
          return pkcs8(
              convert(Der::pkcs1ToPkcs8, block.der(), file, "PKCS#1 RSA"),
              List.of("RSA"),
              file,
              "PKCS#1 RSA");
        case "EC PRIVATE KEY":
          return pkcs8(
              convert(Der::sec1ToPkcs8, block.der(), file, "SEC1 EC"),
              List.of("EC"),
              file,
              "SEC1 EC");
        case "ENCRYPTED PRIVATE KEY":
          throw encrypted(file);
        default:
          // certificates and parameters may share the file; keep looking
      }
    }
    throw new IllegalArgumentException(
        "no PEM private key block (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY) in " + file);
  }

  private static byte[] convert(
      UnaryOperator<byte[]> toPkcs8, byte[] der, Path file, String format) {
    try {
      return toPkcs8.apply(der);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the private key in " + file + " is not a valid " + format + " key: " + e.getMessage(),
          e);
    }
  }

  private static PrivateKey pkcs8(byte[] der, List<String> algorithms, Path file, String format) {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    GeneralSecurityException last = null;
    for (String algorithm : algorithms) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException wrongAlgorithm) {
        // the PKCS#8 header names the algorithm, but the KeyFactory must be picked first
        last = wrongAlgorithm;
      }
    }
    throw new IllegalArgumentException(
        "the private key in "
            + file
            + " is not a valid "
            + format
            + " key of a supported algorithm ("
            + String.join(", ", algorithms)
            + ")",
        last);
  }

  private static IllegalArgumentException encrypted(Path file) {
    return new IllegalArgumentException(
        "the private key in "
            + file
            + " is encrypted, which is not supported: store it unencrypted (openssl pkey -in "
            + file.getFileName()
            + " -out key.pem)");
  }

  private static List<Block> read(Path file) {
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException(
          "cannot read " + file + ": it does not exist or is not readable");
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
    List<Block> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      String type = m.group(1);
      String body = m.group(2);
      if (body.contains(":")) {
        // RFC 1421 headers (Proc-Type: 4,ENCRYPTED / DEK-Info) mark a traditionally encrypted key
        if (type.endsWith("PRIVATE KEY")) {
          throw encrypted(file);
        }
        throw new IllegalArgumentException(
            "PEM block " + type + " in " + file + " has headers, which are not supported");
      }
      try {
        blocks.add(new Block(type, Base64.getDecoder().decode(body.replaceAll("\\s", ""))));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "PEM block " + type + " in " + file + " is not valid base64: " + e.getMessage(), e);
      }
    }
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no PEM block (-----BEGIN ...-----)");
    }
    return blocks;
  }

  private record Block(String type, byte[] der) {}
}
