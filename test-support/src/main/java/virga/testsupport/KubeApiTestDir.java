package virga.testsupport;

import java.nio.file.Path;
import java.util.List;

/**
 * The directory kube-api-test reads its binaries from, laid out as {@code
 * <dir>/k8s/<version>-linux-amd64/{kube-apiserver,etcd,kubectl}} by scripts/install-prereqs.sh.
 */
public record KubeApiTestDir(Path dir, String version) {

  /** Setting (system property or environment variable) naming the directory. */
  public static final String DIR_SETTING = "KUBE_API_TEST_DIR";

  /** Setting naming the Kubernetes version to run. */
  public static final String VERSION_SETTING = "KUBE_API_TEST_API_SERVER_VERSION";

  /** The version built from Debian's kubernetes source package. */
  public static final String DEFAULT_VERSION = "1.20.2";

  /** The directory and version from the settings, defaulting to ~/.cache/kube-debian. */
  public static KubeApiTestDir fromSettings() {
    String home = System.getProperty("user.home");
    Path fallback = Path.of(home, ".cache", "kube-debian", "kube-api-test");
    return new KubeApiTestDir(
        Path.of(Prerequisites.setting(DIR_SETTING, fallback.toString())),
        Prerequisites.setting(VERSION_SETTING, DEFAULT_VERSION));
  }

  /** The directory holding the binaries of {@link #version()}. */
  public Path binDir() {
    return dir.resolve("k8s").resolve(version + "-linux-amd64");
  }

  /** The kubectl binary matching the API server. */
  public Path kubectl() {
    return binDir().resolve("kubectl");
  }

  /** Every binary kube-api-test needs. */
  public List<Path> binaries() {
    return List.of(binDir().resolve("kube-apiserver"), binDir().resolve("etcd"), kubectl());
  }
}
