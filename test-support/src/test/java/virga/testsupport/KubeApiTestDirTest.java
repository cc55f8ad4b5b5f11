package virga.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KubeApiTestDirTest {

  @Test
  void binariesFollowKubeApiTestLayout() {
    KubeApiTestDir dir = new KubeApiTestDir(Path.of("/opt/kat"), "1.20.2");

    assertThat(dir.binaries())
        .containsExactly(
            Path.of("/opt/kat/k8s/1.20.2-linux-amd64/kube-apiserver"),
            Path.of("/opt/kat/k8s/1.20.2-linux-amd64/etcd"),
            Path.of("/opt/kat/k8s/1.20.2-linux-amd64/kubectl"));
  }

  @Test
  void systemPropertyOverridesTheDefaultDirectory() {
    String previous = System.getProperty(KubeApiTestDir.DIR_SETTING);
    System.setProperty(KubeApiTestDir.DIR_SETTING, "/somewhere/else");
    try {
      assertThat(KubeApiTestDir.fromSettings().dir()).isEqualTo(Path.of("/somewhere/else"));
    } finally {
      if (previous == null) {
        System.clearProperty(KubeApiTestDir.DIR_SETTING);
      } else {
        System.setProperty(KubeApiTestDir.DIR_SETTING, previous);
      }
    }
  }

  @Test
  void defaultsToTheInstallScriptsCacheAndVersion() {
    KubeApiTestDir dir = KubeApiTestDir.fromSettings();

    if (System.getProperty(KubeApiTestDir.DIR_SETTING) == null
        && System.getenv(KubeApiTestDir.DIR_SETTING) == null) {
      assertThat(dir.dir())
          .isEqualTo(Path.of(System.getProperty("user.home"), ".cache/kube-debian/kube-api-test"));
    }
    if (System.getenv(KubeApiTestDir.VERSION_SETTING) == null) {
      assertThat(dir.version()).isEqualTo("1.20.2");
    }
  }
}
