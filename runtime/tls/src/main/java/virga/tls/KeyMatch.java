package virga.tls;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;

/**
 * Checks that a private key belongs to a certificate before it is served, since the JDK accepts a
 * mismatched pair and only the peers' handshakes would fail, with a message that names no file.
 */
public final class KeyMatch {
  private static final byte[] PROBE = "virga key match".getBytes(StandardCharsets.US_ASCII);

  private KeyMatch() {}

  /**
   * Whether {@code key} signs what {@code publicKey} verifies.
   *
   * @throws IllegalArgumentException when the key's algorithm cannot sign
   */
  public static boolean matches(PublicKey publicKey, PrivateKey key) {
    if (!publicKey.getAlgorithm().equals(key.getAlgorithm())) {
      return false;
    }
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> key.getAlgorithm(); // Ed25519, Ed448, EdDSA sign with their own name
        };
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(PROBE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(PROBE);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      // e.g. EC keys on different curves
      return false;
    }
  }

  /** Throws, naming both files, unless {@code key} belongs to the leaf certificate {@code leaf}. */
  public static void require(X509Certificate leaf, PrivateKey key, Path certFile, Path keyFile) {
    if (!matches(leaf.getPublicKey(), key)) {
      throw new IllegalArgumentException(
          "the private key in "
              + keyFile
              + " does not belong to the certificate "
              + leaf.getSubjectX500Principal().getName()
              + " in "
              + certFile);
    }
  }
}
