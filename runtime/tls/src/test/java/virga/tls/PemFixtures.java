package virga.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import virga.testsupport.CommandResult;
import virga.testsupport.Commands;
import virga.testsupport.Prerequisites;
import virga.testsupport.SelfSignedCertificate;

/**
 * A test CA and the certificates it signs, made by the real {@code openssl} at test time, each key
 * written in PKCS#8 and in its traditional encoding (PKCS#1 {@code RSA PRIVATE KEY}, SEC1 {@code EC
 * PRIVATE KEY}) as Helm's {@code genSignedCert} and {@code openssl ecparam} write them.
 */
public final class PemFixtures {
  /** The SAN every server certificate carries, so clients can verify 127.0.0.1 and localhost. */
  public static final String SERVER = "subjectAltName=DNS:localhost,IP:127.0.0.1";

  /** The extension of client certificates (nats-server with {@code verify} wants clientAuth). */
  public static final String CLIENT = "extendedKeyUsage=clientAuth";

  /**
   * A signed certificate and its key in two encodings.
   *
   * @param cert the PEM certificate
   * @param pkcs8Key the key as {@code PRIVATE KEY}
   * @param traditionalKey the key as {@code RSA PRIVATE KEY} or {@code EC PRIVATE KEY}
   */
  public record Identity(Path cert, Path pkcs8Key, Path traditionalKey) {}

  private final Path dir;
  private final Path openssl;

  private PemFixtures(Path dir, Path openssl) {
    this.dir = dir;
    this.openssl = openssl;
  }

  /**
   * Makes the CA ({@code ca.pem}, {@code ca.key}) in {@code dir}; skips the test when openssl is
   * missing (fails it under {@code CI=true}).
   */
  public static PemFixtures create(Path dir) {
    String setting = SelfSignedCertificate.SETTING;
    Path openssl =
        Path.of(
            System.getProperty(setting, System.getenv().getOrDefault(setting, "/usr/bin/openssl")));
    var available = Prerequisites.check("openssl", List.of(openssl));
    Assumptions.assumeFalse(available.isDisabled(), available.getReason().orElse(""));
    PemFixtures f = new PemFixtures(dir, openssl);
    f.openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=virga-test-ca",
        "-keyout",
        f.file("ca.key"),
        "-out",
        f.file("ca.pem"));
    return f;
  }

  /** The CA certificate to trust. */
  public Path ca() {
    return dir.resolve("ca.pem");
  }

  /** A certificate for {@code name} with a 2048-bit RSA key, PKCS#1 as the traditional form. */
  public Identity rsa(String name, String extension) {
    openssl("genrsa", "-traditional", "-out", file(name + ".pkcs1.key"), "2048");
    openssl("pkey", "-in", file(name + ".pkcs1.key"), "-out", file(name + ".key"));
    return sign(name, extension, name + ".pkcs1.key");
  }

  /** A certificate for {@code name} with a P-256 EC key, SEC1 as the traditional form. */
  public Identity ec(String name, String extension) {
    openssl(
        "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", file(name + ".sec1.key"));
    openssl("pkey", "-in", file(name + ".sec1.key"), "-out", file(name + ".key"));
    return sign(name, extension, name + ".sec1.key");
  }

  /** Runs openssl with {@code args} in the fixture directory; fails with its output on error. */
  public void openssl(String... args) {
    List<String> command = new ArrayList<>(List.of(openssl.toString()));
    command.addAll(List.of(args));
    CommandResult r = Commands.run(command, Duration.ofSeconds(60));
    if (!r.succeeded()) {
      throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + r);
    }
  }

  /** The absolute path of {@code name} in the fixture directory, as a string for openssl. */
  public String file(String name) {
    return dir.resolve(name).toString();
  }

  private Identity sign(String name, String extension, String traditional) {
    try {
      Files.writeString(dir.resolve(name + ".ext"), extension + "\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    openssl(
        "req",
        "-new",
        "-key",
        file(name + ".key"),
        "-subj",
        "/CN=" + name,
        "-out",
        file(name + ".csr"));
    openssl(
        "x509",
        "-req",
        "-in",
        file(name + ".csr"),
        "-CA",
        file("ca.pem"),
        "-CAkey",
        file("ca.key"),
        "-CAcreateserial",
        "-days",
        "1",
        "-extfile",
        file(name + ".ext"),
        "-out",
        file(name + ".pem"));
    return new Identity(
        dir.resolve(name + ".pem"), dir.resolve(name + ".key"), dir.resolve(traditional));
  }
}
