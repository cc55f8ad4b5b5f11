package virga.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys and certificates in every PEM encoding openssl writes, and bad files refused by name. */
class PemTest {
  @TempDir static Path dir;
  static PemFixtures pki;
  static PemFixtures.Identity rsa;
  static PemFixtures.Identity ec;

  @BeforeAll
  static void makeKeys() {
    pki = PemFixtures.create(dir);
    rsa = pki.rsa("rsa", PemFixtures.SERVER);
    ec = pki.ec("ec", PemFixtures.CLIENT);
  }

  @Test
  void everyEncodingOfAKeyLoadsAndMatchesItsCertificate() throws Exception {
    assertThat(Files.readString(rsa.traditionalKey()))
        .startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(Files.readString(ec.traditionalKey())).startsWith("-----BEGIN EC PRIVATE KEY-----");
    assertThat(Files.readString(rsa.pkcs8Key())).startsWith("-----BEGIN PRIVATE KEY-----");
    for (PemFixtures.Identity id : List.of(rsa, ec)) {
      X509Certificate cert = Pem.certificates(id.cert()).get(0);
      PrivateKey pkcs8 = Pem.privateKey(id.pkcs8Key());
      PrivateKey traditional = Pem.privateKey(id.traditionalKey());
      assertThat(traditional.getAlgorithm()).isEqualTo(cert.getPublicKey().getAlgorithm());
      assertThat(secret(traditional)).as(id.cert().toString()).isEqualTo(secret(pkcs8));
      assertThat(KeyMatch.matches(cert.getPublicKey(), traditional))
          .as(id.traditionalKey().toString())
          .isTrue();
    }
    assertThat(Pem.privateKey(rsa.traditionalKey()).getAlgorithm()).isEqualTo("RSA");
    assertThat(Pem.privateKey(ec.traditionalKey()).getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void ecKeysWithParametersAndEd25519KeysLoad() throws Exception {
    // openssl ecparam without -noout writes an EC PARAMETERS block before the key
    pki.openssl("ecparam", "-name", "secp384r1", "-genkey", "-out", pki.file("p384.key"));
    assertThat(Files.readString(dir.resolve("p384.key")))
        .startsWith("-----BEGIN EC PARAMETERS-----");
    assertThat(Pem.privateKey(dir.resolve("p384.key")).getAlgorithm()).isEqualTo("EC");
    pki.openssl("genpkey", "-algorithm", "ed25519", "-out", pki.file("ed.key"));
    assertThat(Pem.privateKey(dir.resolve("ed.key")).getAlgorithm()).isIn("Ed25519", "EdDSA");
  }

  @Test
  void aChainIsReadLeafFirstAndAKeyBesideTheCertificateIsFound() throws Exception {
    Path bundle = dir.resolve("bundle.pem");
    Files.writeString(
        bundle,
        Files.readString(rsa.cert())
            + Files.readString(pki.ca())
            + Files.readString(rsa.traditionalKey()));
    List<X509Certificate> chain = Pem.certificates(bundle);
    assertThat(chain).hasSize(2);
    assertThat(chain.get(0).getSubjectX500Principal().getName()).isEqualTo("CN=rsa");
    assertThat(chain.get(1).getSubjectX500Principal().getName()).isEqualTo("CN=virga-test-ca");
    assertThat(Pem.privateKey(bundle).getEncoded())
        .isEqualTo(Pem.privateKey(rsa.pkcs8Key()).getEncoded());
  }

  @Test
  void encryptedKeysAreRefusedWithWhatToDo() {
    pki.openssl(
        "pkcs8",
        "-topk8",
        "-v2",
        "aes256",
        "-passout",
        "pass:secret",
        "-in",
        pki.file("rsa.key"),
        "-out",
        pki.file("rsa.enc.key"));
    Path pkcs8 = dir.resolve("rsa.enc.key");
    assertThatThrownBy(() -> Pem.privateKey(pkcs8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the private key in "
                + pkcs8
                + " is encrypted, which is not supported: store it unencrypted (openssl pkey -in"
                + " rsa.enc.key -out key.pem)");
    pki.openssl(
        "rsa",
        "-traditional",
        "-aes256",
        "-passout",
        "pass:secret",
        "-in",
        pki.file("rsa.key"),
        "-out",
        pki.file("rsa.enc.pkcs1.key"));
    Path pkcs1 = dir.resolve("rsa.enc.pkcs1.key");
    assertThatThrownBy(() -> Pem.privateKey(pkcs1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the private key in " + pkcs1 + " is encrypted");
  }

  @Test
  void badFilesAreNamedWithWhatIsWrong() throws Exception {
    Path missing = dir.resolve("nope.pem");
    assertThatThrownBy(() -> Pem.certificates(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot read " + missing + ": it does not exist or is not readable");
    assertThatThrownBy(() -> Pem.certificates(rsa.pkcs8Key()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no PEM CERTIFICATE block in " + rsa.pkcs8Key());
    assertThatThrownBy(() -> Pem.privateKey(rsa.cert()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "no PEM private key block (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY) in "
                + rsa.cert());
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "garbage\n");
    assertThatThrownBy(() -> Pem.privateKey(garbage))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(garbage + " holds no PEM block (-----BEGIN ...-----)");
    Path notRsa = pem("bad-rsa.pem", "RSA PRIVATE KEY", "MAMCAQA=");
    assertThatThrownBy(() -> Pem.privateKey(notRsa))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the private key in "
                + notRsa
                + " is not a valid PKCS#1 RSA key of a supported algorithm (RSA)");
    Path notSequence = pem("not-seq.pem", "RSA PRIVATE KEY", "AAAA");
    assertThatThrownBy(() -> Pem.privateKey(notSequence))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the private key in " + notSequence + " is not a valid PKCS#1 RSA key: malformed DER");
    Path noCurve = pem("no-curve.pem", "EC PRIVATE KEY", "MAMCAQE=");
    assertThatThrownBy(() -> Pem.privateKey(noCurve))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the private key in "
                + noCurve
                + " is not a valid SEC1 EC key: the EC key names no"
                + " curve");
    Path truncated = pem("truncated.pem", "EC PRIVATE KEY", "MIIBAA==");
    assertThatThrownBy(() -> Pem.privateKey(truncated))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the private key in " + truncated + " is not a valid SEC1 EC key: truncated DER");
    Path notBase64 = pem("b64.pem", "CERTIFICATE", "!!!!");
    assertThatThrownBy(() -> Pem.certificates(notBase64))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("PEM block CERTIFICATE in " + notBase64 + " is not valid base64");
    Path notCert = pem("not-cert.pem", "CERTIFICATE", "MAMCAQA=");
    assertThatThrownBy(() -> Pem.certificates(notCert))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("certificate 1 in " + notCert + " is not valid X.509");
  }

  private static Path pem(String name, String type, String base64) throws Exception {
    return Files.writeString(
        dir.resolve(name),
        "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n");
  }

  /** The secret number of an RSA or EC key, equal whatever encoding the key was read from. */
  private static java.math.BigInteger secret(PrivateKey key) {
    return key instanceof java.security.interfaces.RSAPrivateKey rsaKey
        ? rsaKey.getPrivateExponent()
        : ((java.security.interfaces.ECPrivateKey) key).getS();
  }
}
